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
 * Reads a replay frozen as format version 1 on 2026-11-22. Never regenerate these files: they
 * prove that the current reader still plays replays written by the v1 writer.
 */
class ReplayV1FixtureTest {

    private static final String FIXTURE = "/fixtures/v1/synthetic-2026-11-22";

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

    private static InputStream resource(String suffix) {
        InputStream in = ReplayV1FixtureTest.class.getResourceAsStream(FIXTURE + suffix);
        assertThat(in).as("fixture " + FIXTURE + suffix).isNotNull();
        return in;
    }
}
