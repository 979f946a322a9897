package io.ludus.projections.service;

import io.ludus.projections.readmodel.Projector;
import io.ludus.projections.readmodel.ReadModelHarness;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestPostgres;
import io.ludus.testkit.TestSchemaRegistry;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(180)
@LudusInfra
class ProjectorsHealthIndicatorTest {

    @Test
    void upWhileEveryProjectorAppliesAndDownNamingTheOneThatStopped(TestKafka kafka, TestSchemaRegistry registry,
                                                                   TestPostgres postgres) throws Exception {
        TestDatabase db = postgres.freshDatabase();
        try (ReadModelHarness harness = ReadModelHarness.create(kafka, registry.url(), "health")) {
            harness.produce(ReadModelHarness.scenario(6, 30));
            List<Projector> projectors = harness.startAll(db.dataSource(), new Projector.Options(50, Duration.ofMillis(100), Duration.ofMillis(200)));
            try {
                harness.awaitApplied(db.dataSource(), Duration.ofSeconds(90));
                HealthResult up = ProjectorsHealthIndicator.health(projectors);
                assertThat(up.getStatus()).isEqualTo(HealthStatus.UP);
                Map<String, Object> stats = detail(up, "stats");
                assertThat(stats.get("state")).isEqualTo("RUNNING");
                assertThat((Long) stats.get("applied")).isPositive();
                assertThat(stats.get("partitions")).isEqualTo(ReadModelHarness.PARTITIONS);

                Projector history = projectors.stream().filter(p -> p.projectionName().equals("history")).findFirst().orElseThrow();
                history.close();
                HealthResult down = ProjectorsHealthIndicator.health(projectors);
                assertThat(down.getStatus()).isEqualTo(HealthStatus.DOWN);
                assertThat(detail(down, "history").get("state")).isEqualTo("STOPPED");
                assertThat(detail(down, "stats").get("state")).isEqualTo("RUNNING");
            } finally {
                projectors.forEach(Projector::close);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(HealthResult result, String name) {
        return (Map<String, Object>) ((Map<String, Object>) result.getDetails()).get(name);
    }
}
