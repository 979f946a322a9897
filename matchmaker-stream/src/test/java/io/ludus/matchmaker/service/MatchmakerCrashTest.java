package io.ludus.matchmaker.service;

import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.matchmaking.MatchmakingTicketEvent;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.events.topic.Topics;
import io.ludus.matchmaker.topology.MatchmakerTopics;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.SplitMix64;
import io.ludus.sim.content.ContentPack;
import io.ludus.simevents.EventMapping;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two matchmaker processes ({@link MatchmakerMain} in child JVMs) share the work while joins stream in; each is
 * killed once with SIGKILL (no clean shutdown) while work is in flight, then the read_committed outputs are checked.
 */
@Tag("integration")
@Timeout(1200)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class MatchmakerCrashTest {

    private static final int PARTITIONS = 4;
    private static final String QUEUE = "ranked-1v1";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void killedInstancesLoseAndDoubleNoTicket(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        String prefix = "crash-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".";
        MatchmakerTopics topics = MatchmakerTopics.withPrefix(prefix);
        kafka.createTopics(Stream.of(topics.commands(), topics.ratings(), topics.accounts(), topics.tickets(), topics.matches(),
                        topics.simulationRequests(), topics.rejections(), topics.simulationResults(), topics.replayEvents())
                .map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList());
        SchemaRegistryClient client = new SchemaRegistryClient(URI.create(registry.url()));
        Children children = new Children(kafka.bootstrapServers(), registry.url(), prefix, dir);

        Feeder feeder = new Feeder(kafka, client, topics.commands());
        Process a = children.start("a");
        Process b = children.start("b");
        try {
            Thread feeding = Thread.ofPlatform().name("feeder").start(feeder);
            System.out.println("child logs in " + dir);
            awaitMatches(kafka, client, topics, 20);
            kill(a);
            awaitMatches(kafka, client, topics, 60);
            a = children.start("a2");
            awaitMatches(kafka, client, topics, 100);
            kill(b);
            awaitMatches(kafka, client, topics, 140);
            feeder.stop.set(true);
            feeding.join();
            assertThat(feeder.failed).as("every join was acknowledged").isEmpty();
            int acked = feeder.acknowledged.size();
            assertThat(acked % 2).as("an even count, so every ticket can find a partner").isZero();

            List<TicketOpened> opened = payloads(kafka.consumeUntil(topics.tickets(), Serdes.String().deserializer(),
                    Topics.MATCHMAKING_TICKETS.valueSerde(client).deserializer(), acked, Duration.ofSeconds(120)), TicketOpened.class);
            List<ConsumerRecord<String, MatchEvent>> matchRecords = kafka.consumeUntil(topics.matches(), Serdes.String().deserializer(),
                    Topics.MATCHES.valueSerde(client).deserializer(), acked / 2, Duration.ofSeconds(120));
            List<MatchFormed> formed = payloads(matchRecords, MatchFormed.class);
            List<SimulationRequested> requests = payloads(kafka.consumeUntil(topics.simulationRequests(), Serdes.String().deserializer(),
                    Topics.SIMULATION_REQUESTS.valueSerde(client).deserializer(), acked / 2, Duration.ofSeconds(60)), SimulationRequested.class);

            Set<String> acknowledged = Set.copyOf(feeder.acknowledged);
            // no acknowledged ticket lost, none opened twice
            assertThat(opened).extracting(TicketOpened::getTicketId).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(acknowledged);
            // none matched twice, every one matched
            List<String> matchedTickets = formed.stream()
                    .flatMap(m -> Stream.of(m.getTeamA().getTicketId(), m.getTeamB().getTicketId())).toList();
            assertThat(matchedTickets).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(acknowledged);
            // no match id formed twice, and one simulation request per match
            assertThat(formed).extracting(MatchFormed::getMatchId).doesNotHaveDuplicates();
            assertThat(requests).extracting(SimulationRequested::getMatchId).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(formed.stream().map(MatchFormed::getMatchId).toList());
        } finally {
            feeder.stop.set(true);
            a.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            b.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            client.close();
        }
    }

    private static void kill(Process process) throws InterruptedException {
        process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean leave, open transaction left behind
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static void awaitMatches(TestKafka kafka, SchemaRegistryClient client, MatchmakerTopics topics, int count) {
        kafka.consumeUntil(topics.matches(), Serdes.String().deserializer(), Topics.MATCHES.valueSerde(client).deserializer(),
                count, Duration.ofSeconds(300));
    }

    private static <V, T> List<T> payloads(List<? extends ConsumerRecord<String, ? extends V>> records, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<String, ? extends V> r : records) {
            Object payload = switch (r.value()) {
                case MatchmakingTicketEvent e -> e.getPayload();
                case MatchEvent e -> e.getPayload();
                case SimulationRequestEvent e -> e.getPayload();
                default -> null;
            };
            if (type.isInstance(payload)) {
                out.add(type.cast(payload));
            }
        }
        return out;
    }

    /** Matchmaker processes with one configuration; output goes to a log file per process. */
    private record Children(String bootstrap, String registryUrl, String prefix, Path dir) {
        Process start(String name) throws Exception {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-Xmx384m", "-cp", System.getProperty("java.class.path")));
            Map<String, String> props = new HashMap<>();
            props.put("ludus.kafka.bootstrap-servers", bootstrap);
            props.put("ludus.registry.url", registryUrl);
            props.put("ludus.matchmaker.application-id", prefix + "matchmaker");
            props.put("ludus.matchmaker.topic-prefix", prefix);
            props.put("ludus.matchmaker.state-dir", dir.resolve("state-" + name).toString());
            props.put("ludus.matchmaker.streams.session.timeout.ms", "15000");
            props.put("ludus.matchmaker.streams.heartbeat.interval.ms", "3000");
            props.put("micronaut.server.port", "-1");
            props.put("logback.configurationFile", "logback-child.xml");
            props.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "crash-test-secret-crash-test-secret-0123456789");
            props.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add(MatchmakerMain.class.getName());
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        }
    }

    /** Sends joins of new players at a steady pace until stopped, keeping the ids Kafka acknowledged. */
    private static final class Feeder implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        final List<Exception> failed = Collections.synchronizedList(new ArrayList<>());
        private final KafkaProducer<String, PlayerCommand> producer;
        private final String topic;
        private final RandomLoadouts loadouts = new RandomLoadouts(ContentPack.bundled());

        Feeder(TestKafka kafka, SchemaRegistryClient client, String topic) {
            Map<String, Object> props = kafka.producerProps();
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            this.producer = new KafkaProducer<>(props, Serdes.String().serializer(), Topics.PLAYER_COMMANDS.valueSerde(client).serializer());
            this.topic = topic;
        }

        @Override
        public void run() {
            int n = 0;
            try (producer) {
                while (!stop.get() || n % 2 != 0) {
                    String player = "player-" + n;
                    String ticket = "join-" + n;
                    var loadout = EventMapping.toEvent(loadouts.team(new SplitMix64(n), player, 1)).getLoadout();
                    PlayerCommand command = PlayerCommand.newBuilder()
                            .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setCorrelationId("crash-" + n)
                            .setPayload(JoinQueue.newBuilder().setPlayerId(player).setCommandId(ticket).setQueueId(QUEUE)
                                    .setLoadout(loadout).setSpread(1000).build())
                            .build();
                    producer.send(new ProducerRecord<>(topic, player, command), (metadata, error) -> {
                        if (error == null) {
                            acknowledged.add(ticket);
                        } else {
                            failed.add(error);
                        }
                    });
                    n++;
                    Thread.sleep(25);
                }
                producer.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
