package io.ludus.tools.replay;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Read and re-run stored match replays (any supported format version).",
        subcommands = {ReplayShowCommand.class, ReplayVerifyCommand.class})
public final class ReplayCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: show or verify");
    }
}
