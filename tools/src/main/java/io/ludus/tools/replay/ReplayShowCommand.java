package io.ludus.tools.replay;

import io.ludus.replay.format.ReplayEnd;
import io.ludus.replay.format.ReplayFormatException;
import io.ludus.replay.format.ReplayHeader;
import io.ludus.replay.format.ReplayReader;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.content.ContentPacks;
import io.ludus.sim.content.UnknownContentVersionException;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.InvalidOptionException;
import io.ludus.tools.cli.Json;
import io.ludus.tools.cli.OutputFormat;
import io.ludus.tools.cli.Table;
import io.ludus.tools.cli.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "A replay's header, both loadouts, the outcome, per-unit totals and a timeline of damage, healing and deaths by tick.")
final class ReplayShowCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    ReplaySource source;

    @Option(names = "--bucket", paramLabel = "TICKS", defaultValue = "100",
            description = "Timeline resolution in ticks (default: ${DEFAULT-VALUE}).")
    int bucket;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** `replay show --output json`. */
    record Shown(int formatVersion, String matchId, int engineVersion, String contentVersion, long seed,
                 TeamLoadout teamA, TeamLoadout teamB, String outcome, int ticks, long frames,
                 List<Timeline.Unit> units, List<Timeline.Activity> timeline) {}

    @Override
    public void run() {
        if (bucket < 1) {
            throw new InvalidOptionException("--bucket", "must be at least 1, was " + bucket);
        }
        Shown shown;
        try (ReplayReader reader = ReplayReader.open(source.open())) {
            ReplayHeader header = reader.header();
            ContentPack pack;
            try {
                pack = ContentPacks.byVersion(header.contentVersion());
            } catch (UnknownContentVersionException e) {
                pack = null; // class names then show as indices
            }
            Timeline timeline = new Timeline(pack, bucket);
            ReplayEnd end = reader.readAll(timeline);
            shown = new Shown(reader.formatVersion(), header.matchId(), header.engineVersion(), header.contentVersion(), header.seed(),
                    header.teamA(), header.teamB(), end.outcome().name(), end.ticks(), reader.frames(), timeline.units(), timeline.activity());
        } catch (ReplayFormatException e) {
            throw new ToolException(ExitCode.BAD_DATA, "not a readable replay: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ToolException(ExitCode.FAILURE, "reading the replay failed: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Json.print(out, shown);
            return;
        }
        out.printf("match %s  format v%d  engine v%d  content %s  seed %d%n", shown.matchId(), shown.formatVersion(),
                shown.engineVersion(), shown.contentVersion(), shown.seed());
        out.printf("outcome %s after %d ticks (%d frames)%n%n", shown.outcome(), shown.ticks(), shown.frames());
        printTeam(out, "A", shown.teamA());
        printTeam(out, "B", shown.teamB());
        out.println("units");
        Table units = new Table("UNIT", "TEAM", "CLASS", "HP", "DAMAGE-DEALT", "DAMAGE-TAKEN", "HEALING", "DIED-AT", "KILLER");
        shown.units().forEach(u -> units.row(u.unit(), u.team(), u.classId(), u.maxHealth(), u.damageDealt(), u.damageTaken(),
                u.healingDone(), u.diedAt(), u.killer()));
        units.print(out);
        out.println();
        out.println("timeline (per " + bucket + " ticks)");
        Table timeline = new Table("TICKS", "UNIT", "DAMAGE", "HEALING", "DIED");
        shown.timeline().forEach(a -> timeline.row(a.fromTick() + "-" + a.toTick(), a.unit(), a.damageDealt(), a.healingDone(), a.died() ? "yes" : ""));
        timeline.print(out);
    }

    private static void printTeam(PrintWriter out, String name, TeamLoadout team) {
        out.printf("team %s: %s%n", name, team.playerId());
        // tactics are long rule lists: --output json carries them
        Table table = new Table("#", "CLASS", "ABILITIES");
        List<UnitLoadout> units = team.units();
        for (int i = 0; i < units.size(); i++) {
            UnitLoadout u = units.get(i);
            table.row(i, u.classId(), String.join(",", u.abilityIds()));
        }
        table.print(out);
        out.println();
    }
}
