package io.ludus.loadtest.chaos;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "chaos", mixinStandardHelpOptions = true, subcommands = ChaosCheckCommand.class,
        description = "Checks for a chaos run (docs/chaos.md): `chaos check` reads the topics and read models and "
                + "reports the game loop's invariants.")
public final class ChaosCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: check");
    }
}
