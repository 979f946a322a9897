package io.ludus.workers;

import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayRef;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(120)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class WorkerCrashTest {

    private static final int REQUESTS = 60;

    @TempDir
    Path replays;

    @Test
    void workerKilledMidBatchLosesAndDoublesNothing(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        Pipeline pipeline = Pipeline.create(kafka, registry.url(), "crash", 2);
        List<SimulationRequestEvent> requests = pipeline.validRequests(REQUESTS);
        pipeline.produce(requests);
        String groupId = pipeline.prefix + "workers";
        String instanceId = "crash-worker";

        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                StallingWorkerMain.class.getName(), kafka.bootstrapServers(), registry.url(), replays.toString(),
                pipeline.prefix, groupId, instanceId)
                .redirectErrorStream(true)
                .start();
        try {
            assertThat(awaitLine(child, StallingWorkerMain.MID_BATCH)).as("child reached its second batch").isTrue();
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        int committedBeforeKill = pipeline.readAll(pipeline.topics.results(), SimulationResultEvent.class).size();
        assertThat(committedBeforeKill).isBetween(1, REQUESTS - 1);

        SimWorkerConfig config = pipeline.config(replays.toUri()).withGroupId(groupId).withInstanceId(instanceId);
        try (SimulationWorker worker = new SimulationWorker(config, pipeline.registry, new FileSystemReplayStore(replays),
                Clock.systemUTC(), new SimpleMeterRegistry())) {
            worker.start();
            pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, REQUESTS);
        }

        Map<String, SimulationRequestEvent> byMatch = requests.stream().collect(Collectors.toMap(
                r -> ((SimulationRequested) r.getPayload()).getMatchId(), Function.identity()));
        List<ConsumerRecord<String, SimulationResultEvent>> results = pipeline.readAll(pipeline.topics.results(), SimulationResultEvent.class);
        assertThat(results).hasSize(REQUESTS)
                .allSatisfy(r -> assertThat(r.value().getPayload()).isInstanceOf(SimulationCompleted.class));
        assertThat(results.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(byMatch.keySet());
        try (FileSystemReplayStore store = new FileSystemReplayStore(replays)) {
            List<String> stored = store.listOlderThan(Instant.now().plusSeconds(3600), 10 * REQUESTS).stream()
                    .map(ReplayRef::matchId).toList();
            assertThat(stored).hasSize(REQUESTS).doesNotHaveDuplicates();
        }
    }

    /** Reads the child's output until {@code marker}; false if the child exits or 60 s pass first. */
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
        return found.get(60, TimeUnit.SECONDS);
    }
}
