package io.ludus.tools.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.ludus.replay.format.ReplayHeader;
import io.ludus.replay.format.ReplayWriter;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.content.ContentPacks;
import io.ludus.tools.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandsTest {

    private static final ContentPack PACK = ContentPacks.bundled();

    /** Records the battle of {@code setup} under a header that may claim another setup (a tampered replay). */
    private static byte[] record(String matchId, BattleSetup played, BattleSetup claimed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ReplayWriter writer = new ReplayWriter(bytes, ReplayHeader.of(matchId, BattleSimulator.ENGINE_VERSION, claimed))) {
            new BattleSimulator(PACK).run(played, writer);
        }
        return bytes.toByteArray();
    }

    private static BattleSetup battle(long seed) {
        return new RandomLoadouts(PACK).battle(seed, 3, 3);
    }

    @Test
    void showPrintsHeaderLoadoutsOutcomeAndPerUnitTimeline(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("m-1.replay"), record("m-1", battle(7), battle(7)));
        CliRun json = CliRun.runRaw("replay", "show", file.toString(), "--output", "json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        JsonNode shown = json.json();
        assertThat(shown.path("matchId").asText()).isEqualTo("m-1");
        assertThat(shown.path("seed").asLong()).isEqualTo(7);
        assertThat(shown.path("teamA").path("units")).hasSize(3);
        assertThat(shown.path("units")).hasSize(6);
        long dealt = 0;
        long taken = 0;
        for (JsonNode unit : shown.path("units")) {
            dealt += unit.path("damageDealt").asLong();
            taken += unit.path("damageTaken").asLong();
        }
        assertThat(dealt).isPositive().isLessThanOrEqualTo(taken); // fatigue damage has no dealer
        long timelineDamage = 0;
        for (JsonNode a : shown.path("timeline")) {
            timelineDamage += a.path("damageDealt").asLong();
        }
        assertThat(timelineDamage).isEqualTo(dealt);
        if (!shown.path("outcome").asText().equals("DRAW")) {
            assertThat(shown.path("units").findValues("diedAt").stream().anyMatch(JsonNode::isInt)).isTrue();
        }

        CliRun table = CliRun.runRaw("replay", "show", file.toString(), "--bucket", "50");
        assertThat(table.out()).contains("match m-1").contains("outcome").contains("team A").contains("timeline (per 50 ticks)");
    }

    @Test
    void verifyReportsIdenticalForAGenuineReplayFoundByMatchId(@TempDir Path dir) throws Exception {
        FileSystemReplayStore store = new FileSystemReplayStore(dir);
        store.put("m-2", record("m-2", battle(11), battle(11)));
        CliRun run = CliRun.runRaw("replay", "verify", "m-2", "--replays", dir.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("identical: match m-2");
    }

    @Test
    void verifyReportsTheFirstDivergentFrameOfATamperedReplay(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("m-3.replay"), record("m-3", battle(1), battle(2)));
        CliRun run = CliRun.runRaw("replay", "verify", file.toString(), "--output", "json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(7);
        assertThat(run.json().path("result").asText()).isEqualTo("Mismatch");
        assertThat(run.json().path("detail").path("frameIndex").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void damagedOrMissingReplaysExitWithTheirCodes(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.replay"), "not a replay");
        CliRun damaged = CliRun.runRaw("replay", "show", junk.toString());
        assertThat(damaged.exitCode()).isEqualTo(6);
        assertThat(damaged.err()).contains("not a readable replay");

        CliRun missing = CliRun.runRaw("replay", "verify", "m-404", "--replays", dir.toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("m-404");

        CliRun bucket = CliRun.runRaw("replay", "show", junk.toString(), "--bucket", "0");
        assertThat(bucket.exitCode()).isEqualTo(2);
        assertThat(bucket.err()).contains("--bucket");
    }
}
