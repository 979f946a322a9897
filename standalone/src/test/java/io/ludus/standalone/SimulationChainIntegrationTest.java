package io.ludus.standalone;

import io.ludus.events.match.MatchAbortReason;
import io.ludus.events.match.MatchAborted;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.replay.ReplayEvent;
import io.ludus.events.replay.ReplayStored;
import io.ludus.events.serde.AvroValueDeserializer;
import io.ludus.events.serde.AvroValueSerializer;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.events.topic.Topics;
import io.ludus.matchmaker.service.MatchmakerConfig;
import io.ludus.matchmaker.service.MatchmakerStreams;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.content.ContentPack;
import io.ludus.simevents.EventMapping;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.ludus.workers.SimWorkerConfig;
import io.ludus.workers.SimulationWorker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulation chain through the real broker: requests → sim worker (one result record per battle) →
 * the matchmaker's match-results stage → MatchCompleted/MatchAborted on matches and ReplayStored on replay-events.
 */
@Tag("integration")
@Timeout(180)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class SimulationChainIntegrationTest {

    private static final int BATTLES = 60;

    @TempDir
    Path dir;

    @Test
    void everyResultBecomesExactlyOneMatchEventAndEveryReplayOneIndexEntry(TestKafka kafka, TestSchemaRegistry testRegistry) {
        String prefix = "chain-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        kafka.createTopics(Topics.ALL.stream().map(t -> new NewTopic(prefix + t.name(), 3, (short) 1)).toList());
        SchemaRegistryClient registry = new SchemaRegistryClient(URI.create(testRegistry.url()));
        RandomLoadouts loadouts = new RandomLoadouts(ContentPack.bundled());
        List<SimulationRequestEvent> requests = new ArrayList<>();
        for (int seed = 0; seed < BATTLES; seed++) {
            requests.add(request("m" + seed, EventMapping.toRequest("m" + seed, loadouts.battle(seed, 3, 3))));
        }
        SimulationRequested unknownContent = SimulationRequested.newBuilder(EventMapping.toRequest("bad", loadouts.battle(99, 3, 3)))
                .setContentVersion("content-does-not-exist").build();
        requests.add(request("bad", unknownContent));
        AvroValueSerializer<SimulationRequestEvent> serializer = new AvroValueSerializer<>(registry, SimulationRequestEvent.class);
        kafka.produce(new StringSerializer(), serializer, requests.stream()
                .map(r -> new ProducerRecord<>(prefix + Topics.SIMULATION_REQUESTS.name(),
                        ((SimulationRequested) r.getPayload()).getMatchId(), r))
                .toList());

        SimWorkerConfig workerConfig = SimWorkerConfig.defaults(kafka.bootstrapServers(), dir.resolve("replays").toUri())
                .withTopicPrefix(prefix).withGroupId(prefix + "workers").withThreads(2).withMaxPollRecords(20);
        MatchmakerConfig matchmakerConfig = new MatchmakerConfig(kafka.bootstrapServers(), prefix + "matchmaker",
                dir.resolve("matchmaker"), 1, 0, Duration.ofMillis(50), Duration.ofMillis(200), 3, prefix,
                Optional.empty(), Map.of());
        List<ConsumerRecord<String, MatchEvent>> matches;
        List<ConsumerRecord<String, ReplayEvent>> replays;
        try (SimulationWorker worker = new SimulationWorker(workerConfig, registry,
                new FileSystemReplayStore(dir.resolve("replays")), Clock.systemUTC(), new SimpleMeterRegistry());
             MatchmakerStreams matchmaker = MatchmakerStreams.start(matchmakerConfig, QueueDefinitions.defaults(), registry,
                     ContentPack.bundled())) {
            worker.start();
            matches = kafka.consumeUntil(prefix + Topics.MATCHES.name(), new StringDeserializer(),
                    new AvroValueDeserializer<>(registry, MatchEvent.class), BATTLES + 1, Duration.ofSeconds(120));
            replays = kafka.consumeUntil(prefix + Topics.REPLAY_EVENTS.name(), new StringDeserializer(),
                    new AvroValueDeserializer<>(registry, ReplayEvent.class), BATTLES, Duration.ofSeconds(60));
        }

        Map<String, SimulationResultEvent> results = kafka.consumeUntil(prefix + Topics.SIMULATION_RESULTS.name(),
                        new StringDeserializer(), new AvroValueDeserializer<>(registry, SimulationResultEvent.class),
                        BATTLES + 1, Duration.ofSeconds(10)).stream()
                .collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
        assertThat(results).hasSize(BATTLES + 1);
        assertThat(matches).hasSize(BATTLES + 1);
        Map<String, MatchEvent> byMatch = matches.stream().collect(Collectors.toMap(ConsumerRecord::key, ConsumerRecord::value));
        for (int seed = 0; seed < BATTLES; seed++) {
            String matchId = "m" + seed;
            SimulationResultEvent result = results.get(matchId);
            SimulationCompleted simulated = (SimulationCompleted) result.getPayload();
            MatchEvent event = byMatch.get(matchId);
            assertThat(event.getCausationId()).isEqualTo(result.getEventId().toString());
            assertThat(event.getCorrelationId()).isEqualTo("corr-" + matchId);
            MatchCompleted completed = (MatchCompleted) event.getPayload();
            assertThat(completed.getOutcome()).isEqualTo(simulated.getOutcome());
            assertThat(completed.getReplay()).isEqualTo(simulated.getReplay());
            assertThat(completed.getSideA().getPlayerId()).isEqualTo(completed.getTeamAPlayerId());
            assertThat(completed.getPlayers()).allSatisfy(p -> assertThat(p.getClassIds()).hasSize(3));
        }
        MatchAborted aborted = (MatchAborted) byMatch.get("bad").getPayload();
        assertThat(aborted.getReason()).isEqualTo(MatchAbortReason.SIMULATION_FAILED);

        assertThat(replays).hasSize(BATTLES);
        Map<String, ReplayStored> stored = replays.stream().collect(Collectors.toMap(ConsumerRecord::key,
                r -> (ReplayStored) r.value().getPayload()));
        assertThat(stored.keySet()).isEqualTo(results.keySet().stream().filter(id -> !id.equals("bad")).collect(Collectors.toSet()));
        assertThat(stored.values()).allSatisfy(s ->
                assertThat(s.getReplay()).isEqualTo(((SimulationCompleted) results.get(s.getMatchId()).getPayload()).getReplay()));
    }

    private static SimulationRequestEvent request(String matchId, SimulationRequested payload) {
        return SimulationRequestEvent.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                .setCorrelationId("corr-" + matchId).setCausationId(null)
                .setPayload(payload)
                .build();
    }
}
