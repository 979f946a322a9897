package io.ludus.replay.format;

import io.ludus.sim.Outcome;
import io.ludus.sim.Tactics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads replays frozen as format version 1: a synthetic one (2026-11-22) and one the engine recorded
 * (2026-12-02, RandomLoadouts seed 7, 3v3, zstd level 1 as the v1 writer last wrote them). Never
 * regenerate these files: they prove that the current reader still plays replays written by the v1 writer.
 */
class ReplayV1FixtureTest {

    private static final String FIXTURE = "/fixtures/v1/synthetic-2026-11-22";
    private static final String ENGINE_FIXTURE = "/fixtures/v1/engine-2026-12-02";

    @Test
    void readsFrozenV1ReplayHeader() throws IOException {
        try (ReplayReader reader = ReplayReader.open(resource(".ludr"))) {
            assertThat(reader.formatVersion()).isEqualTo(1);
            ReplayHeader header = reader.header();
            assertThat(header.matchId()).isEqualTo("fixture-v1-0001");
            assertThat(header.engineVersion()).isEqualTo(1);
            assertThat(header.contentVersion()).isEqualTo("content-2026.11");
            assertThat(header.seed()).isEqualTo(0x5EEDL << 40 | 42);
            assertThat(header.teamA().playerId()).isEqualTo("player-ann");
            assertThat(header.teamB().playerId()).isEqualTo("player-bob");
            assertThat(header.teamA().units()).extracting("classId").containsExactly("mage", "knight", "knight");
            assertThat(header.teamA().units().getFirst().abilityIds()).containsExactly("fireball", "blink");
            assertThat(header.teamA().units().getFirst().tactics().abilityPriority().getFirst().target())
                    .isEqualTo(new Tactics.TargetRule(Tactics.Side.ENEMY, Tactics.Filter.HEALTH_BELOW_PERCENT, 40, Tactics.Order.LOWEST_HEALTH));
        }
    }

    @Test
    void readsFrozenV1ReplayFramesExactly() throws IOException {
        List<String> expected;
        try (InputStream listing = resource(".events.txt")) {
            expected = new String(listing.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        RecordingSink sink = new RecordingSink();
        try (ReplayReader reader = ReplayReader.open(resource(".ludr"))) {
            ReplayEnd end = reader.readAll(sink);
            assertThat(end.outcome()).isEqualTo(Outcome.TEAM_A_WINS);
            assertThat(end.ticks()).isEqualTo(Integer.parseInt(expected.getLast().split(" ")[1]));
        }
        assertThat(sink.lines).hasSize(expected.size()).isEqualTo(expected);
    }

    @Test
    void readsFrozenEngineRecordedV1ReplayFramesExactly() throws IOException {
        List<String> expected;
        try (InputStream listing = resource(ENGINE_FIXTURE, ".events.txt")) {
            expected = new String(listing.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        RecordingSink replayed = new RecordingSink();
        ReplayHeader header;
        try (ReplayReader reader = ReplayReader.open(resource(ENGINE_FIXTURE, ".ludr"))) {
            assertThat(reader.formatVersion()).isEqualTo(1);
            header = reader.header();
            reader.readAll(replayed);
        }
        assertThat(header.matchId()).isEqualTo("fixture-v1-engine");
        assertThat(header.seed()).isEqualTo(7);
        assertThat(replayed.lines).isEqualTo(expected);
    }

    private static InputStream resource(String suffix) {
        return resource(FIXTURE, suffix);
    }

    private static InputStream resource(String fixture, String suffix) {
        InputStream in = ReplayV1FixtureTest.class.getResourceAsStream(fixture + suffix);
        assertThat(in).as("fixture " + fixture + suffix).isNotNull();
        return in;
    }
}
