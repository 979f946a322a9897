package io.ludus.projections.rebuild;

import io.ludus.projections.readmodel.Projection;
import io.ludus.projections.readmodel.Projector;
import io.ludus.projections.readmodel.ReadModelCatalogue;
import io.ludus.projections.readmodel.ReadModelHarness;
import io.ludus.projections.readmodel.ReadModelSchemas;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestPostgres;
import io.ludus.testkit.TestSchemaRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
@Timeout(240)
@LudusInfra
class RebuildTest {

    private static final Projector.Options OPTIONS = new Projector.Options(50, Duration.ofMillis(100), Duration.ofMillis(200));

    @Test
    void rebuildFromZeroSwapsInTablesIdenticalToTheLiveOnesWhileQueriesKeepAnswering(TestKafka kafka, TestSchemaRegistry registry,
                                                                                   TestPostgres postgres) throws Exception {
        TestDatabase db = postgres.freshDatabase();
        try (ReadModelHarness harness = ReadModelHarness.create(kafka, registry.url(), "rebuild")) {
            harness.produce(ReadModelHarness.scenario(10, 150));
            List<Projector> live = harness.startAll(db.dataSource(), OPTIONS);
            try {
                harness.awaitApplied(db.dataSource(), Duration.ofSeconds(120));
                Map<String, Map<String, List<String>>> before = ReadModelHarness.snapshotAll(db.dataSource());
                Map<String, Long> oids = schemaOids(db);

                // a reader polls the live stats table through the whole rebuild: it must never fail or see it empty
                AtomicBoolean rebuilding = new AtomicBoolean(true);
                AtomicLong reads = new AtomicLong();
                CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                    while (rebuilding.get()) {
                        try (Connection c = db.dataSource().getConnection();
                             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM projections_stats.player_stats");
                             ResultSet rs = s.executeQuery()) {
                            rs.next();
                            assertThat(rs.getLong(1)).isPositive();
                            reads.incrementAndGet();
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                Rebuilder rebuilder = new Rebuilder(db.dataSource(), kafka.bootstrapServers(), harness.prefix, harness.registry, OPTIONS);
                for (Projection projection : ReadModelCatalogue.all(ReadModelHarness.SEASONS)) {
                    List<Rebuilder.Progress> progress = new ArrayList<>();
                    Rebuilder.Result result = rebuilder.rebuild(projection, progress::add);
                    assertThat(result.offsets()).isEqualTo(Projector.storedOffsets(db.dataSource(), ReadModelSchemas.live(projection.name())));
                    // progress climbs to the live offsets, then the swap is announced
                    List<Rebuilder.Progress> replay = progress.stream().filter(p -> !p.swapping()).toList();
                    assertThat(replay).as("progress of %s", projection.name()).isNotEmpty();
                    assertThat(replay).extracting(Rebuilder.Progress::done).isSorted();
                    assertThat(replay.getLast().done()).isEqualTo(replay.getLast().total());
                    assertThat(progress.getLast().swapping()).isTrue();
                }
                rebuilding.set(false);
                reader.get(30, TimeUnit.SECONDS);
                assertThat(reads.get()).isPositive();

                assertThat(ReadModelHarness.snapshotAll(db.dataSource())).isEqualTo(before);
                Map<String, Long> swapped = schemaOids(db);
                for (String name : ReadModelCatalogue.names()) {
                    assertThat(swapped.get(ReadModelSchemas.live(name))).as("schema of %s replaced", name)
                            .isNotEqualTo(oids.get(ReadModelSchemas.live(name)));
                }
                assertThat(swapped).doesNotContainKeys(ReadModelCatalogue.names().stream().map(ReadModelSchemas::next).toArray(String[]::new));

                // the live projectors go on writing into the swapped-in schemas without applying anything twice
                List<ReadModelHarness.Sent> more = new ArrayList<>();
                more.add(new ReadModelHarness.Sent(io.ludus.events.topic.Topics.MATCHES, "late-match", io.ludus.projections.readmodel.Events.matchCompleted(
                        "late-match", "ranked-1v1", ReadModelHarness.player(1), ReadModelHarness.player(2), io.ludus.events.common.Outcome.TEAM_A_WINS, true,
                        ReadModelHarness.T0.plusSeconds(86_400), false, 1, 0, List.of("knight"), List.of("mage"))));
                harness.produce(more);
                harness.awaitApplied(db.dataSource(), Duration.ofSeconds(60));
                try (Connection c = db.dataSource().getConnection();
                     PreparedStatement s = c.prepareStatement("SELECT count(*) FROM projections_history.match_history WHERE match_id = 'late-match'");
                     ResultSet rs = s.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(2);
                }
            } finally {
                live.forEach(Projector::close);
            }
        }
    }

    @Test
    void rebuildCommandRefusesAnUnknownReadModelNamingTheKnownOnes() {
        RebuildCommand command = new RebuildCommand();
        assertThat(RebuildCommand.run("no-such-model", "--bootstrap-servers", "x:1", "--registry-url", "http://x", "--jdbc-url", "jdbc:postgresql://x/y"))
                .isEqualTo(2);
        assertThatThrownBy(() -> {
            command.name = "no-such-model";
            command.call();
        }).isInstanceOf(RebuildException.class).hasMessageContaining("stats");
    }

    private static Map<String, Long> schemaOids(TestDatabase db) throws Exception {
        Map<String, Long> oids = new java.util.HashMap<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT nspname, oid::bigint FROM pg_namespace WHERE nspname LIKE 'projections_%'");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                oids.put(rs.getString(1), rs.getLong(2));
            }
        }
        return oids;
    }
}
