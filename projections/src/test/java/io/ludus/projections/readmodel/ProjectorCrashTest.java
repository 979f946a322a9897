package io.ludus.projections.readmodel;

import io.ludus.projections.readmodel.stats.StatsProjection;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestPostgres;
import io.ludus.testkit.TestSchemaRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(240)
@LudusInfra
class ProjectorCrashTest {

    private static final Projector.Options OPTIONS = new Projector.Options(10, Duration.ofMillis(100), Duration.ofMillis(200));

    @Test
    void projectorKilledMidBatchRestartsToTheSameTablesAsAnUninterruptedRun(TestKafka kafka, TestSchemaRegistry registry,
                                                                             TestPostgres postgres) throws Exception {
        TestDatabase crashed = postgres.freshDatabase();
        TestDatabase uninterrupted = postgres.freshDatabase();
        try (ReadModelHarness harness = ReadModelHarness.create(kafka, registry.url(), "crash")) {
            harness.produce(ReadModelHarness.scenario(6, 120));

            Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    StallingProjectorMain.class.getName(), kafka.bootstrapServers(), registry.url(), crashed.jdbcUrl(), crashed.user(),
                    harness.prefix)
                    .redirectErrorStream(true)
                    .start();
            try {
                assertThat(awaitLine(child, StallingProjectorMain.MID_BATCH)).as("child reached its stalled batch").isTrue();
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            String stats = ReadModelSchemas.live(StatsProjection.NAME);
            long committed = Projector.storedOffsets(crashed.dataSource(), stats).values().stream().mapToLong(Long::longValue).sum();
            long end = harness.endOffsets(new StatsProjection()).values().stream().mapToLong(Long::longValue).sum();
            assertThat(committed).as("batches committed before the kill").isBetween(1L, end - 1);

            List<Projector> restarted = harness.startAll(crashed.dataSource(), OPTIONS);
            harness.awaitApplied(crashed.dataSource(), Duration.ofSeconds(120));
            restarted.forEach(Projector::close);

            List<Projector> clean = harness.startAll(uninterrupted.dataSource(), OPTIONS);
            harness.awaitApplied(uninterrupted.dataSource(), Duration.ofSeconds(120));
            clean.forEach(Projector::close);

            Map<String, Map<String, List<String>>> afterCrash = ReadModelHarness.snapshotAll(crashed.dataSource());
            assertThat(afterCrash.get("stats").get("player_stats")).isNotEmpty();
            assertThat(afterCrash).isEqualTo(ReadModelHarness.snapshotAll(uninterrupted.dataSource()));
        }
    }

    private static boolean awaitLine(Process child, String marker) throws Exception {
        CompletableFuture<Boolean> found = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.equals(marker)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        return found.get(90, TimeUnit.SECONDS);
    }
}
