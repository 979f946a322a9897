package io.ludus.bench;

import io.ludus.embedded.EmbeddedKafka;
import io.ludus.embedded.EmbeddedKafkaConfig;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.match.MatchSide;
import io.ludus.events.serde.AvroValueSerializer;
import io.ludus.events.registry.SchemaRegistration;
import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.Topics;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.registry.SchemaRegistryConfig;
import io.ludus.registry.SchemaRegistryServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The fixture the tools' benchmarks run against (docs/benchmarks.md, "ludus events export and ludus ops groups"):
 * a broker and registry on fixed ports, {@code events} current-schema MatchFormed on {@code matches} (timestamps 1 ms
 * apart from 2026-12-01T12:00Z), and {@code groups} classic groups committed at offset 10 on every partition of a
 * {@code partitions}-partition topic. Prints the addresses, then runs until killed.
 * Arguments (key=value): events=1000000 groups=200 partitions=50 kafka-port=19092 registry-port=18081.
 */
public final class ToolsFixture {

    private ToolsFixture() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of("events", "1000000", "groups", "200", "partitions", "50",
                "kafka-port", "19092", "registry-port", "18081"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2 || !opts.containsKey(kv[0])) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: " + opts.keySet());
            }
            opts.put(kv[0], kv[1]);
        }
        int events = Integer.parseInt(opts.get("events"));
        int groups = Integer.parseInt(opts.get("groups"));
        int partitions = Integer.parseInt(opts.get("partitions"));
        int kafkaPort = Integer.parseInt(opts.get("kafka-port"));
        Path data = Files.createTempDirectory("ludus-tools-fixture");
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(data.resolve("kafka")).withPorts(kafkaPort, kafkaPort + 1));
        SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1",
                Integer.parseInt(opts.get("registry-port"))));
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(adminProps); SchemaRegistryClient client = new SchemaRegistryClient(registry.uri())) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).provision(Topics.ALL);
            SchemaRegistration.registerAll(client, Topics.ALL);
            long started = System.nanoTime();
            produceMatches(kafka.bootstrapServers(), client, events);
            System.out.printf("%,d MatchFormed on matches in %.1f s%n", events, (System.nanoTime() - started) / 1e9);
            commitGroups(admin, kafka.bootstrapServers(), groups, partitions);
        }
        System.out.println("fixture ready: --bootstrap " + kafka.bootstrapServers() + " --registry " + registry.uri());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            kafka.close();
        }));
        new CountDownLatch(1).await();
    }

    private static void produceMatches(String bootstrap, SchemaRegistryClient client, int events) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Instant base = Instant.parse("2026-12-01T12:00:00Z");
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new AvroValueSerializer<>(client, MatchEvent.class))) {
            for (int i = 0; i < events; i++) {
                String matchId = "m-" + i;
                MatchSide a = MatchSide.newBuilder().setPlayerId("p-" + (i % 5000)).setTicketId("t-a-" + i).setRating(1500 + i % 300)
                        .setDeviation(80).setBot(false).build();
                MatchSide b = MatchSide.newBuilder().setPlayerId("p-" + ((i + 7) % 5000)).setTicketId("t-b-" + i).setRating(1490)
                        .setDeviation(90).setBot(i % 10 == 0).build();
                Instant at = base.plusMillis(i);
                MatchEvent event = MatchEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at).setCorrelationId("c-" + matchId)
                        .setPayload(MatchFormed.newBuilder().setMatchId(matchId).setQueueId("ranked-1v1").setTeamA(a).setTeamB(b)
                                .setRanked(true).setSeed(i).build())
                        .build();
                producer.send(new ProducerRecord<>(Topics.MATCHES.name(), null, at.toEpochMilli(), matchId, event));
            }
            producer.flush();
        }
    }

    private static void commitGroups(Admin admin, String bootstrap, int groups, int partitions) throws Exception {
        String topic = "bench-lag";
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int partition = 0; partition < partitions; partition++) {
                for (int i = 0; i < 20; i++) {
                    producer.send(new ProducerRecord<>(topic, partition, "k" + i, "v" + i));
                }
            }
        }
        Map<TopicPartition, OffsetAndMetadata> at10 = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            at10.put(new TopicPartition(topic, partition), new OffsetAndMetadata(10));
        }
        for (int g = 0; g < groups; g++) {
            admin.alterConsumerGroupOffsets("bench-group-" + g, at10).all().get();
        }
        System.out.printf("%d groups committed at offset 10 on %d partitions of %s%n", groups, partitions, topic);
    }
}
