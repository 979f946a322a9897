package io.ludus.tools.replay;

import io.ludus.replay.format.ReplayFormatException;
import io.ludus.replay.verify.ReplayVerifier;
import io.ludus.replay.verify.Verification;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.Json;
import io.ludus.tools.cli.OutputFormat;
import io.ludus.tools.cli.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-simulates a replay from its header and compares every event: prints 'identical', or the first divergent frame.",
                "Exit code 0 when identical, 7 when the re-run differs or cannot be reproduced by this build."})
final class ReplayVerifyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    ReplaySource source;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** `replay verify --output json`: {@code result} is the Verification's kind. */
    record Verdict(String result, Verification detail) {}

    @Override
    public void run() {
        Verification verification;
        try {
            verification = new ReplayVerifier().verify(source.open());
        } catch (ReplayFormatException e) {
            throw new ToolException(ExitCode.BAD_DATA, "not a readable replay: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ToolException(ExitCode.FAILURE, "reading the replay failed: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Json.print(out, new Verdict(verification.getClass().getSimpleName(), verification));
        } else {
            out.println(switch (verification) {
                case Verification.Verified v -> "identical: match " + v.matchId() + ", " + v.frames() + " frames, "
                        + v.outcome() + " after " + v.ticks() + " ticks";
                case Verification.Mismatch m -> "DIVERGES at frame " + m.frameIndex() + " of match " + m.matchId()
                        + ": recorded " + m.recorded() + ", re-run " + m.replayed();
                case Verification.EngineVersionMismatch e -> "cannot verify match " + e.matchId() + ": recorded by engine v"
                        + e.recorded() + ", this build is v" + e.current();
                case Verification.UnknownContentVersion u -> "cannot verify match " + u.matchId() + ": content version "
                        + u.contentVersion() + " is not in this build";
                case Verification.InvalidSetup i -> "match " + i.matchId() + " has a setup the engine refuses: " + i.problem();
            });
            out.flush();
        }
        if (!(verification instanceof Verification.Verified)) {
            throw new ToolException(ExitCode.NOT_VERIFIED, "replay of match " + verification.matchId() + " is not verified");
        }
    }
}
