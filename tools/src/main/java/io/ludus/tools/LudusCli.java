package io.ludus.tools;

import io.ludus.tools.cli.CliLogging;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.ToolException;
import io.ludus.tools.events.EventsCommand;
import io.ludus.tools.ops.OpsCommand;
import io.ludus.tools.replay.ReplayCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** `ludus ops|events|replay`: the operators' and analysts' command line. The ./ludus launcher runs {@link #main}. */
@Command(name = "ludus", mixinStandardHelpOptions = true, version = "ludus tools 0.1.0",
        description = "Ludus tools for operators (ops) and analysts (events, replay).",
        subcommands = {OpsCommand.class, EventsCommand.class, ReplayCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:unexpected failure (a bug; the stack trace goes to stderr)",
                "2:bad command line; the message names the flag",
                "3:the named group, topic, member or file does not exist",
                "4:refused because unsafe now (e.g. reset of a group with members)",
                "5:the broker or registry did not answer in time",
                "6:a record or replay could not be decoded",
                "7:replay verify found a divergence or cannot reproduce the replay"})
public final class LudusCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: ops, events or replay");
    }

    public static void main(String[] args) {
        CliLogging.enable();
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The configured command line, writing to {@code out} and {@code err}; tests run it in-process. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LudusCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ToolException t) {
                commandLine.getErr().println("ludus: " + t.getMessage());
                commandLine.getErr().flush();
                if (t.exitCode() == ExitCode.FAILURE) {
                    e.printStackTrace(commandLine.getErr());
                }
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
