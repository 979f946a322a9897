package io.ludus.projections.readmodel;

import io.ludus.events.common.Outcome;
import io.ludus.events.topic.Topics;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestPostgres;
import io.ludus.testkit.TestSchemaRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ludus.projections.readmodel.ReadModelHarness.T0;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(180)
@LudusInfra
class ProjectorExactlyOnceTest {

    private static final Projector.Options SMALL_BATCHES = new Projector.Options(25, Duration.ofMillis(100), Duration.ofMillis(200));

    @Test
    void redeliveredEventsChangeNoRow(TestKafka kafka, TestSchemaRegistry registry, TestPostgres postgres) throws Exception {
        TestDatabase db = postgres.freshDatabase();
        try (ReadModelHarness harness = ReadModelHarness.create(kafka, registry.url(), "redelivery")) {
            List<ReadModelHarness.Sent> events = ReadModelHarness.scenario(8, 60);
            harness.produce(events);
            List<Projector> projectors = harness.startAll(db.dataSource(), SMALL_BATCHES);
            harness.awaitApplied(db.dataSource(), Duration.ofSeconds(90));
            projectors.forEach(Projector::close);
            Map<String, Map<String, List<String>>> once = ReadModelHarness.snapshotAll(db.dataSource());
            assertThat(once.get("stats").get("player_stats")).isNotEmpty();

            // a restart reads everything from its stored offsets: a fresh consumer must not apply anything again
            projectors = harness.startAll(db.dataSource(), SMALL_BATCHES);
            Thread.sleep(1500);
            assertThat(withoutOffsets(ReadModelHarness.snapshotAll(db.dataSource()))).isEqualTo(withoutOffsets(once));

            // the same events written to the log a second time (a producer retry upstream): same rows
            harness.produce(events);
            harness.awaitApplied(db.dataSource(), Duration.ofSeconds(90));
            projectors.forEach(Projector::close);
            assertThat(withoutOffsets(ReadModelHarness.snapshotAll(db.dataSource()))).isEqualTo(withoutOffsets(once));
        }
    }

    @Test
    void poisonEventsGoToDeadLettersAndTheProjectorGoesOn(TestKafka kafka, TestSchemaRegistry registry, TestPostgres postgres) throws Exception {
        TestDatabase db = postgres.freshDatabase();
        try (ReadModelHarness harness = ReadModelHarness.create(kafka, registry.url(), "poison")) {
            harness.produceRaw(Topics.MATCHES, "m-garbage", ReadModelHarness.garbage());
            harness.produce(List.of(new ReadModelHarness.Sent(Topics.MATCHES, "m-negative", Events.matchCompleted("m-negative", "ranked-1v1",
                    "ann", "bob", Outcome.TEAM_A_WINS, true, T0, false, -1, 2, List.of("knight"), List.of("mage")))));
            harness.produce(List.of(new ReadModelHarness.Sent(Topics.MATCHES, "m-good", Events.matchCompleted("m-good", "ranked-1v1",
                    "ann", "bob", Outcome.TEAM_A_WINS, true, T0, false, 3, 1, List.of("knight"), List.of("mage")))));
            List<Projector> projectors = harness.startAll(db.dataSource(), SMALL_BATCHES);
            harness.awaitApplied(db.dataSource(), Duration.ofSeconds(90));
            projectors.forEach(Projector::close);

            List<String> dead = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT topic, partition, \"offset\", record_key, reason FROM projections_stats.dead_letters ORDER BY record_key")) {
                while (rs.next()) {
                    assertThat(rs.getString(1)).isEqualTo(harness.prefix + "matches");
                    dead.add(rs.getString(4) + ":" + rs.getString(5));
                }
            }
            assertThat(dead).containsExactly("m-garbage:UNDECODABLE", "m-negative:INVALID_EVENT");
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sum(matches), sum(kills) FROM projections_stats.player_stats WHERE player_id = 'ann'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1);
                assertThat(rs.getLong(2)).isEqualTo(3);
            }
        }
    }

    /** Offsets move when duplicates are appended; every other row must stay the same. */
    static Map<String, Map<String, List<String>>> withoutOffsets(Map<String, Map<String, List<String>>> all) {
        Map<String, Map<String, List<String>>> copy = new java.util.TreeMap<>();
        all.forEach((name, tables) -> {
            Map<String, List<String>> t = new java.util.TreeMap<>(tables);
            t.remove("projector_offsets");
            copy.put(name, t);
        });
        return copy;
    }
}
