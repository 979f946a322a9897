package io.ludus.loadtest;

import io.ludus.loadtest.chaos.ChaosCommand;
import io.ludus.loadtest.hops.HopsCommand;
import io.ludus.loadtest.swarm.SwarmCommand;
import io.ludus.tools.cli.CliLogging;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.ToolException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** `ludus swarm`, `ludus chaos` and `ludus hops`: load and failure testing of a running Ludus, and where a join's time goes. The ./ludus launcher runs {@link #main}. */
@Command(name = "ludus", mixinStandardHelpOptions = true, version = "ludus loadtest 0.1.0",
        description = "Load (swarm), failure checks (chaos) and per-hop latency (hops) for a running Ludus.",
        subcommands = {SwarmCommand.class, ChaosCommand.class, HopsCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:unexpected failure (a bug; the stack trace goes to stderr)",
                "2:bad command line; the message names the flag",
                "4:refused: the target is neither loopback nor an allowed host",
                "5:the broker, registry or database did not answer in time",
                "9:swarm: a notification was missed, duplicated or out of order; chaos check: an invariant is violated"})
public final class LoadtestCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: swarm, chaos or hops");
    }

    public static void main(String[] args) {
        CliLogging.enable();
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The configured command line writing to {@code out} and {@code err}; tests run it in-process. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LoadtestCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ToolException t) {
                commandLine.getErr().println("ludus: " + t.getMessage());
                commandLine.getErr().flush();
                return t.exitCode().code();
            }
            commandLine.getErr().println("ludus: unexpected failure: " + e);
            e.printStackTrace(commandLine.getErr());
            commandLine.getErr().flush();
            return ExitCode.FAILURE.code();
        });
        return cli;
    }
}
