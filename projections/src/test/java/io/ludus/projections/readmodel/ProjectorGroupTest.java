package io.ludus.projections.readmodel;

import io.ludus.events.common.Outcome;
import io.ludus.events.topic.Topics;
import io.ludus.projections.readmodel.stats.StatsProjection;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestPostgres;
import io.ludus.testkit.TestSchemaRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Several service instances share a read model's partitions through a consumer group, and take over a dead one's. */
@Tag("integration")
@Timeout(240)
@LudusInfra
class ProjectorGroupTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Projector.Options OPTIONS = new Projector.Options(25, Duration.ofMillis(100), Duration.ofMillis(200));

    @Test
    void twoInstancesSplitThePartitionsAndTheSurvivorTakesOverWithTheSameRowsAsOneInstance(
            TestKafka kafka, TestSchemaRegistry registry, TestPostgres postgres) throws Exception {
        TestDatabase shared = postgres.freshDatabase();
        TestDatabase alone = postgres.freshDatabase();
        Projection stats = new StatsProjection();
        String schema = ReadModelSchemas.live(stats.name());
        ReadModelSchemas.migrate(shared.dataSource(), stats.name(), schema);
        ReadModelSchemas.migrate(alone.dataSource(), stats.name(), schema);
        try (ReadModelHarness harness = ReadModelHarness.create(kafka, registry.url(), "group")) {
            Projector.Options grouped = OPTIONS.withGroupId(kafka.uniqueGroupId("projections"));
            Projector first = new Projector(stats, shared.dataSource(), schema, true, kafka.bootstrapServers(), harness.prefix,
                    harness.registry, grouped);
            Projector second = new Projector(stats, shared.dataSource(), schema, true, kafka.bootstrapServers(), harness.prefix,
                    harness.registry, grouped);
            try (first; second) {
                first.start();
                second.start();
                await(() -> !first.ownedPartitions().isEmpty() && !second.ownedPartitions().isEmpty(), "both members own partitions");
                Set<TopicPartition> union = new HashSet<>(first.ownedPartitions());
                union.addAll(second.ownedPartitions());
                assertThat(first.ownedPartitions()).doesNotContainAnyElementsOf(second.ownedPartitions());
                assertThat(union).hasSize(ReadModelHarness.PARTITIONS);

                harness.produce(ReadModelHarness.scenario(12, 90));
                awaitApplied(harness, stats, shared.dataSource());
                assertThat(first.appliedEvents()).as("events the first instance applied").isPositive();
                assertThat(second.appliedEvents()).as("events the second instance applied").isPositive();

                first.close();
                await(() -> second.ownedPartitions().size() == ReadModelHarness.PARTITIONS, "the survivor owns every partition");
                harness.produce(laterMatches(40));
                awaitApplied(harness, stats, shared.dataSource());
            }

            try (Projector single = new Projector(stats, alone.dataSource(), schema, true, kafka.bootstrapServers(),
                    harness.prefix, harness.registry, OPTIONS)) {
                single.start();
                awaitApplied(harness, stats, alone.dataSource());
            }
            Map<String, List<String>> expected = ReadModelHarness.snapshot(alone.dataSource(), schema);
            assertThat(expected.get("player_stats")).isNotEmpty();
            assertThat(ReadModelHarness.snapshot(shared.dataSource(), schema)).isEqualTo(expected);
        }
    }

    /** Matches with ids of their own, so the survivor's share counts in the rows, not only in the offsets. */
    private static List<ReadModelHarness.Sent> laterMatches(int count) {
        List<ReadModelHarness.Sent> events = new java.util.ArrayList<>();
        for (int m = 0; m < count; m++) {
            String id = "later-" + m;
            events.add(new ReadModelHarness.Sent(Topics.MATCHES, id, Events.matchCompleted(id, "ranked-1v1",
                    ReadModelHarness.player(m % 12), ReadModelHarness.player((m + 5) % 12), Outcome.values()[m % 3], true,
                    ReadModelHarness.T0.plusSeconds(10_000 + m), false, m % 4, m % 3, List.of("knight"), List.of("mage"))));
        }
        return events;
    }

    private static void awaitApplied(ReadModelHarness harness, Projection projection, DataSource dataSource) throws Exception {
        Map<TopicPartition, Long> ends = harness.endOffsets(projection);
        String schema = ReadModelSchemas.live(projection.name());
        await(() -> {
            try {
                Map<TopicPartition, Long> stored = Projector.storedOffsets(dataSource, schema);
                return ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || stored.getOrDefault(e.getKey(), 0L) >= e.getValue());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, "stored offsets reach " + ends);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
