package io.ludus.tools.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.ludus.tools.CliRun;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class OpsCommandsIntegrationTest {

    private static Map<TopicPartition, Long> committed(TestKafka kafka, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> result = new java.util.HashMap<>();
        offsets.forEach((tp, om) -> result.put(tp, om.offset()));
        return result;
    }

    private static String timestampedTopic(TestKafka kafka, String prefix, Instant base) {
        String topic = kafka.uniqueTopic(prefix, 1);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(new ProducerRecord<>(topic, 0, base.plusSeconds(60L * i).toEpochMilli(), "k" + i, "v" + i));
        }
        kafka.produce(new StringSerializer(), new StringSerializer(), records);
        return topic;
    }

    private static String emptyGroupAt(TestKafka kafka, String topic, long offset) throws Exception {
        String group = kafka.uniqueGroupId("ops-reset");
        kafka.admin().alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset)))
                .all().get(10, TimeUnit.SECONDS);
        return group;
    }

    @Test
    void resetIsADryRunUntilExecuted(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        Instant base = Instant.parse("2026-11-30T10:00:00Z");
        String topic = timestampedTopic(kafka, "ops-reset", base);
        String group = emptyGroupAt(kafka, topic, 8);

        CliRun dry = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "reset-offsets", group,
                "--to-datetime", "2026-11-30T10:03:00Z", "--output", "json");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        JsonNode row = dry.json().get(0);
        assertThat(row.path("current").asLong()).isEqualTo(8);
        assertThat(row.path("target").asLong()).isEqualTo(3);
        assertThat(row.path("delta").asLong()).isEqualTo(-5);
        assertThat(dry.err()).contains("dry run");
        assertThat(committed(kafka, group)).containsEntry(new TopicPartition(topic, 0), 8L);

        CliRun executed = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "reset-offsets", group,
                "--to-datetime", "2026-11-30T10:03:00", "--execute");
        assertThat(executed.exitCode()).as(executed.toString()).isZero();
        assertThat(executed.out()).contains("CURRENT").contains("-5");
        assertThat(committed(kafka, group)).containsEntry(new TopicPartition(topic, 0), 3L);
    }

    @Test
    void resetComputesEveryKindOfTarget(TestKafka kafka, TestSchemaRegistry registry, @TempDir Path dir) throws Exception {
        String topic = timestampedTopic(kafka, "ops-reset-kinds", Instant.now().minus(Duration.ofMinutes(30)).plusSeconds(30));
        String group = emptyGroupAt(kafka, topic, 5);
        assertThat(target(kafka, registry, group, "--to-earliest")).isZero();
        assertThat(target(kafka, registry, group, "--to-latest")).isEqualTo(10);
        assertThat(target(kafka, registry, group, "--shift-by", "-2")).isEqualTo(3);
        assertThat(target(kafka, registry, group, "--shift-by", "100")).as("clamped to the end").isEqualTo(10);
        // records are a minute apart, the first 29.5 minutes ago: 25 minutes back lands on the sixth
        assertThat(target(kafka, registry, group, "--by-duration", "25m")).isEqualTo(5);
        assertThat(target(kafka, registry, group, "--by-duration", "1m")).as("nothing that recent: the end").isEqualTo(10);
        Path file = Files.writeString(dir.resolve("offsets.csv"), "# topic,partition,offset\n" + topic + ",0,7\n");
        assertThat(target(kafka, registry, group, "--from-file", file.toString())).isEqualTo(7);
        assertThat(target(kafka, registry, group, "--to-earliest", "--topic", topic + ":0")).isZero();
    }

    private static long target(TestKafka kafka, TestSchemaRegistry registry, String group, String... how) {
        List<String> args = new ArrayList<>(List.of("ops", "reset-offsets", group, "--output", "json"));
        args.addAll(List.of(how));
        CliRun run = CliRun.run(kafka.bootstrapServers(), registry.url(), args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.json().get(0).path("target").asLong();
    }

    @Test
    void resetIsRefusedWhileTheGroupHasMembers(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        String topic = kafka.uniqueTopic("ops-refuse", 1);
        kafka.produce(new StringSerializer(), new StringSerializer(), List.of(new ProducerRecord<>(topic, "k", "v")));
        String group = kafka.uniqueGroupId("ops-refuse");
        Map<String, Object> props = kafka.consumerProps(group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                // joined once a record arrives
            }
            consumer.commitSync();
            CliRun run = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "reset-offsets", group, "--to-earliest", "--execute");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
            assertThat(run.err()).contains("has 1 member(s)");
            assertThat(committed(kafka, group)).containsEntry(new TopicPartition(topic, 0), 1L);
        }
    }

    @Test
    void resetsAStoppedStreamsGroup(TestKafka kafka, TestSchemaRegistry registry, @TempDir Path state) throws Exception {
        String input = kafka.uniqueTopic("ops-streams-reset-in", 2);
        String output = kafka.uniqueTopic("ops-streams-reset-out", 2);
        OpsGroupsIntegrationTest.writeTransactionally(kafka, input, 20);
        String app = kafka.uniqueGroupId("ops-streams-reset");
        try (KafkaStreams streams = OpsGroupsIntegrationTest.upperCaseApp(kafka, app, input, output, state)) {
            streams.start();
            OpsGroupsIntegrationTest.awaitTrue(() -> OpsGroupsIntegrationTest.committedSum(kafka, app, input) >= 20, "the app commits");
            CliRun refused = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "reset-offsets", app,
                    "--to-earliest", "--topic", input, "--execute");
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
        }
        OpsGroupsIntegrationTest.awaitTrue(() -> {
            CliRun g = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "group", app, "--samples", "1", "--output", "json");
            return g.exitCode() == 0 && g.json().path("memberCount").asInt() == 0;
        }, "the closed app leaves its group");
        CliRun run = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "reset-offsets", app,
                "--to-earliest", "--topic", input, "--execute");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(OpsGroupsIntegrationTest.committedSum(kafka, app, input)).isZero();
    }

    @Test
    void rebalanceRemovesMembersAndWatchesUntilStable(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        String topic = kafka.uniqueTopic("ops-rebalance", 4);
        String group = kafka.uniqueGroupId("ops-rebalance");
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> pollers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String instance = "instance-" + i;
            Thread t = Thread.ofVirtual().start(() -> {
                Map<String, Object> props = kafka.consumerProps(group);
                props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
                props.put(ConsumerConfig.CLIENT_ID_CONFIG, instance);
                try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                    consumer.subscribe(List.of(topic));
                    while (running.get()) {
                        consumer.poll(Duration.ofMillis(100));
                    }
                }
            });
            pollers.add(t);
        }
        try {
            OpsGroupsIntegrationTest.awaitTrue(() -> {
                CliRun g = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "group", group, "--samples", "1", "--output", "json");
                return g.exitCode() == 0 && g.json().path("memberCount").asInt() == 2 && g.json().path("state").asText().equals("Stable");
            }, "both members join");
            CliRun unknown = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "rebalance", group, "--member", "nobody");
            assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(3);

            CliRun run = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "rebalance", group, "--member", "instance-1", "--wait", "90s");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("removed member instance-1").contains("stable");
            assertThat(run.out().lines().filter(l -> l.startsWith("state") || l.startsWith("epoch")).count()).isGreaterThanOrEqualTo(2);
        } finally {
            running.set(false);
            for (Thread t : pollers) {
                t.join();
            }
        }
    }

    @Test
    void topicsShowsPartitionsRetentionAndTheLatestSchemaVersion(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        String topic = kafka.uniqueTopic("ops-topics", 3);
        kafka.produce(new StringSerializer(), new StringSerializer(), List.of(new ProducerRecord<>(topic, "k", "v")));
        try (SchemaRegistryClient client = new SchemaRegistryClient(URI.create(registry.url()))) {
            client.register(topic + "-value", Topics.MATCHES.valueSchema());
        }
        CliRun run = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "topics", "--output", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode row = null;
        for (JsonNode r : run.json()) {
            if (r.path("topic").asText().equals(topic)) {
                row = r;
            }
        }
        assertThat(row).as(run.out()).isNotNull();
        assertThat(row.path("partitions").asInt()).isEqualTo(3);
        assertThat(row.path("underReplicated").asInt()).isZero();
        assertThat(row.path("sizeBytes").asLong()).isPositive();
        assertThat(row.path("subject").asText()).isEqualTo(topic + "-value");
        assertThat(row.path("schemaVersion").asInt()).isEqualTo(1);

        CliRun table = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "topics");
        assertThat(table.out()).contains("TOPIC").contains(topic);
    }

    @Test
    void errorsNameTheFlagAndExitWithTheirCode(TestKafka kafka, TestSchemaRegistry registry) {
        CliRun missing = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "group", "no-such-group", "--samples", "1");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("no-such-group");

        CliRun badTopic = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "reset-offsets", "g", "--to-earliest", "--topic", "t:x");
        assertThat(badTopic.exitCode()).isEqualTo(2);

        CliRun two = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "reset-offsets", "g", "--to-earliest", "--to-latest");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("--to-earliest").contains("--to-latest");

        CliRun badDuration = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "groups", "--interval", "soon");
        assertThat(badDuration.exitCode()).isEqualTo(2);
        assertThat(badDuration.err()).contains("--interval");

        CliRun samples = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "groups", "--samples", "0");
        assertThat(samples.exitCode()).isEqualTo(2);
        assertThat(samples.err()).contains("--samples");

        CliRun unreachable = CliRun.runRaw("ops", "groups", "--bootstrap", "127.0.0.1:1", "--timeout", "2s");
        assertThat(unreachable.exitCode()).as(unreachable.toString()).isEqualTo(5);
        assertThat(unreachable.err()).contains("--bootstrap");

        CliRun help = CliRun.runRaw("ops", "reset-offsets", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--to-datetime").contains("--execute");
    }
}
