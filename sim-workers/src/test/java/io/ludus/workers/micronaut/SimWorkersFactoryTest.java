package io.ludus.workers.micronaut;

import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.ludus.workers.SimulationWorker;
import io.ludus.workers.WorkerTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
@Timeout(120)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class SimWorkersFactoryTest {

    @TempDir
    Path replays;

    @Test
    void contextStartsAWorkerThatSimulatesAndReportsHealthAndMetrics(TestKafka kafka, TestSchemaRegistry registry) {
        var pipeline = io.ludus.workers.PipelineAccess.create(kafka, registry.url(), "micronaut");
        pipeline.produceValid(3);

        try (ApplicationContext context = ApplicationContext.run(properties(kafka, registry, pipeline.prefix()), "test")) {
            SimulationWorker worker = context.getBean(SimulationWorker.class);
            assertThat(worker.config().effectiveThreads()).isEqualTo(1);
            var results = pipeline.awaitResults(3);
            assertThat(results).allSatisfy(r -> assertThat(r.getPayload()).isInstanceOf(SimulationCompleted.class));
            SimulationCompleted completed = (SimulationCompleted) results.getFirst().getPayload();
            var replay = completed.getReplay();
            assertThat(URI.create(replay.getUri())).isEqualTo(replays.toUri().resolve(replay.getKey()));
            try (FileSystemReplayStore store = new FileSystemReplayStore(replays)) {
                assertThat(store.get(completed.getMatchId(), replay.getSha256()).bytes()).hasSize((int) replay.getSizeBytes());
            }

            HealthResult health = Mono.from(context.getBean(SimWorkerHealth.class).getResult()).block();
            assertThat(health.getStatus()).isEqualTo(HealthStatus.UP);
            assertThat(context.getBean(MeterRegistry.class).find("ludus.sim.latency").timer()).isNotNull();
        }
    }

    @Test
    void badConfigFailsStartupNamingTheField(TestKafka kafka, TestSchemaRegistry registry) {
        Map<String, Object> props = properties(kafka, registry, "bad-config.");
        props.put("ludus.sim.threads", -1);

        assertThatThrownBy(() -> ApplicationContext.run(props, "test"))
                .isInstanceOf(BeanInstantiationException.class)
                .rootCause().hasMessageContaining("ludus.sim.threads");
    }

    @Test
    void disabledSwitchStartsNoWorker(TestKafka kafka, TestSchemaRegistry registry) {
        Map<String, Object> props = properties(kafka, registry, "disabled.");
        props.put("ludus.sim.enabled", false);

        try (ApplicationContext context = ApplicationContext.run(props, "test")) {
            assertThat(context.containsBean(SimulationWorker.class)).isFalse();
        }
    }

    private Map<String, Object> properties(TestKafka kafka, TestSchemaRegistry registry, String prefix) {
        Map<String, Object> props = new HashMap<>();
        props.put("ludus.kafka.bootstrap-servers", kafka.bootstrapServers());
        props.put("ludus.registry.url", registry.url());
        props.put("ludus.replay.store", "fs");
        props.put("ludus.replay.fs.directory", replays.toString());
        props.put("ludus.sim.threads", 1);
        props.put("ludus.sim.topic-prefix", prefix);
        props.put("ludus.sim.group-id", WorkerTopics.withPrefix(prefix).requests().replace('.', '-') + "-group");
        return props;
    }
}
