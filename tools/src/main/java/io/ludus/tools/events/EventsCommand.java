package io.ludus.tools.events;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "events", mixinStandardHelpOptions = true,
        description = "Read any topic, decoded through the schema registry with the schema each record was written with.",
        subcommands = {ExportCommand.class, TailCommand.class, AtCommand.class})
public final class EventsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: export, tail or at");
    }
}
