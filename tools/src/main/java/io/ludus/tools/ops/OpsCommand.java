package io.ludus.tools.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "ops", mixinStandardHelpOptions = true,
        description = "Consumer groups, Streams groups, offsets and topics.",
        subcommands = {GroupsCommand.class, GroupCommand.class, ResetOffsetsCommand.class, RebalanceCommand.class, TopicsCommand.class})
public final class OpsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: groups, group, reset-offsets, rebalance or topics");
    }
}
