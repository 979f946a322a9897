package io.ludus.tools.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.ludus.tools.CliRun;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class OpsGroupsIntegrationTest {

    private static List<ProducerRecord<String, String>> records(String topic, int partitions, int perPartition) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            for (int i = 0; i < perPartition; i++) {
                records.add(new ProducerRecord<>(topic, p, "k" + i, "v" + i));
            }
        }
        return records;
    }

    /** Consumes {@code count} records and commits, then leaves the group open (it stays a member until closed). */
    private static KafkaConsumer<String, String> consumeAndCommit(TestKafka kafka, String group, String topic, String protocol, int count) {
        Map<String, Object> props = kafka.consumerProps(group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, count);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        int seen = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (seen < count && System.nanoTime() < deadline) {
            seen += consumer.poll(Duration.ofMillis(200)).count();
        }
        assertThat(seen).isEqualTo(count);
        consumer.commitSync();
        return consumer;
    }

    @Test
    void listsClassicAndConsumerProtocolGroupsWithLagInRecordsAndTime(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        String topic = kafka.uniqueTopic("ops-lag", 1);
        kafka.produce(new StringSerializer(), new StringSerializer(), records(topic, 1, 10));
        String classic = kafka.uniqueGroupId("ops-classic");
        String modern = kafka.uniqueGroupId("ops-consumer");
        Thread.sleep(50); // the oldest unconsumed record is now measurably old
        try (var c1 = consumeAndCommit(kafka, classic, topic, "classic", 4);
             var c2 = consumeAndCommit(kafka, modern, topic, "consumer", 7)) {
            CliRun run = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "groups", "--samples", "1", "--output", "json");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            JsonNode classicRow = row(run.json(), classic);
            JsonNode modernRow = row(run.json(), modern);
            assertThat(classicRow.path("protocol").asText()).isEqualTo("classic");
            assertThat(classicRow.path("lag").asLong()).isEqualTo(6);
            assertThat(classicRow.path("members").asInt()).isEqualTo(1);
            assertThat(classicRow.path("groupEpoch").isNull()).isTrue();
            assertThat(classicRow.path("lagMillis").asLong()).isGreaterThanOrEqualTo(50);
            assertThat(modernRow.path("protocol").asText()).isEqualTo("consumer");
            assertThat(modernRow.path("lag").asLong()).isEqualTo(3);
            assertThat(modernRow.path("groupEpoch").asInt()).isPositive();
            assertThat(modernRow.path("targetAssignmentEpoch").asInt()).isEqualTo(modernRow.path("groupEpoch").asInt());

            CliRun one = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "group", modern, "--samples", "1", "--output", "json");
            assertThat(one.exitCode()).as(one.toString()).isZero();
            JsonNode member = one.json().path("members").get(0);
            assertThat(member.path("assigned").get(0).asText()).isEqualTo(topic + "-0");
            assertThat(member.path("target").get(0).asText()).isEqualTo(topic + "-0");
            assertThat(member.path("reconciling").asBoolean()).isFalse();
            JsonNode partition = one.json().path("partitions").get(0);
            assertThat(partition.path("committed").asLong()).isEqualTo(7);
            assertThat(partition.path("end").asLong()).isEqualTo(10);

            CliRun table = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "group", classic, "--samples", "1");
            assertThat(table.out()).contains("protocol classic").contains("MEMBER").contains(topic);
        }
    }

    @Test
    void statusShowsStallWhileAMemberHoldsLagAndStopOnceItLeaves(TestKafka kafka, TestSchemaRegistry registry) {
        String topic = kafka.uniqueTopic("ops-stall", 1);
        kafka.produce(new StringSerializer(), new StringSerializer(), records(topic, 1, 5));
        String group = kafka.uniqueGroupId("ops-stall");
        try (var consumer = consumeAndCommit(kafka, group, topic, "consumer", 2)) {
            CliRun stalled = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "group", group,
                    "--samples", "2", "--interval", "200ms", "--output", "json");
            assertThat(stalled.json().path("status").asText()).as(stalled.toString()).isEqualTo("STALL");
        }
        CliRun stopped = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "group", group, "--samples", "1", "--output", "json");
        assertThat(stopped.json().path("status").asText()).as(stopped.toString()).isEqualTo("STOP");
        assertThat(stopped.json().path("memberCount").asInt()).isZero();
    }

    @Test
    void transactionMarkerAtTheEndIsNotLag(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        String input = kafka.uniqueTopic("ops-marker", 2);
        writeTransactionally(kafka, input, 20);
        String group = kafka.uniqueGroupId("ops-marker");
        // the consume-transform-produce pattern commits last record + 1, which stops short of the commit marker
        try (var consumer = consumeAndCommit(kafka, group, input, "consumer", 20)) {
            consumer.commitSync(Map.of(new TopicPartition(input, 0), new OffsetAndMetadata(10),
                    new TopicPartition(input, 1), new OffsetAndMetadata(10)));
            assertThat(endOffsets(kafka, input).values()).as("a naive tool sees one record of lag per partition").containsOnly(11L);

            CliRun run = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "group", group,
                    "--samples", "2", "--interval", "200ms", "--output", "json");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.json().path("lag").asLong()).as(run.toString()).isZero();
            assertThat(run.json().path("status").asText()).isEqualTo("OK");
            assertThat(run.json().path("partitions").get(0).path("committed").asLong()).isEqualTo(10);

            // a record after the marker is real lag again
            kafka.produce(new StringSerializer(), new StringSerializer(), List.of(new ProducerRecord<>(input, 0, "k", "late")));
            CliRun behind = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "group", group, "--samples", "1", "--output", "json");
            assertThat(behind.json().path("lag").asLong()).as(behind.toString()).isEqualTo(2);
            assertThat(behind.json().path("partitions").get(0).path("lagMillis").isNull()).isFalse();
        }
    }

    @Test
    void showsAnExactlyOnceStreamsGroupWithTasksAndNoLag(TestKafka kafka, TestSchemaRegistry registry, @TempDir Path state) throws Exception {
        String input = kafka.uniqueTopic("ops-eos-in", 2);
        String output = kafka.uniqueTopic("ops-eos-out", 2);
        writeTransactionally(kafka, input, 20);
        String app = kafka.uniqueGroupId("ops-eos-app");
        try (KafkaStreams streams = upperCaseApp(kafka, app, input, output, state)) {
            streams.start();
            awaitTrue(() -> committedSum(kafka, app, input) >= 20, "streams app commits past both partitions' records");

            CliRun run = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "group", app,
                    "--samples", "2", "--interval", "200ms", "--output", "json");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            JsonNode view = run.json();
            assertThat(view.path("protocol").asText()).isEqualTo("streams");
            assertThat(view.path("groupEpoch").asInt()).isPositive();
            assertThat(view.path("lag").asLong()).as(run.toString()).isZero();
            assertThat(view.path("status").asText()).isEqualTo("OK");
            assertThat(view.path("partitions")).hasSize(2);
            JsonNode member = view.path("members").get(0);
            assertThat(member.path("assigned").toString()).contains("0_0").contains("0_1");

            CliRun all = CliRun.run(kafka.bootstrapServers(), registry.url(), "ops", "groups", "--samples", "1", "--output", "json");
            assertThat(row(all.json(), app).path("protocol").asText()).isEqualTo("streams");
        }
    }

    static KafkaStreams upperCaseApp(TestKafka kafka, String app, String input, String output, Path state) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()).withName("source"))
                .mapValues(v -> v.toUpperCase(), Named.as("upper"))
                .to(output, Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return new KafkaStreams(builder.build(), props);
    }

    static void writeTransactionally(TestKafka kafka, String topic, int count) {
        Map<String, Object> props = kafka.producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-writer");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            IntStream.range(0, count).forEach(i -> producer.send(new ProducerRecord<>(topic, i % 2, "k" + i, "v" + i)));
            producer.commitTransaction();
        }
    }

    static long committedSum(TestKafka kafka, String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin()
                    .listStreamsGroupOffsets(Map.of(group, new org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec()))
                    .partitionsToOffsetAndMetadata(group).get(10, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    static Map<TopicPartition, Long> endOffsets(TestKafka kafka, String topic) throws Exception {
        var specs = Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(), new TopicPartition(topic, 1), OffsetSpec.latest());
        var result = kafka.admin().listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = new java.util.HashMap<>();
        result.forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting until " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    static JsonNode row(JsonNode rows, String group) {
        for (JsonNode row : rows) {
            if (row.path("group").asText().equals(group)) {
                return row;
            }
        }
        throw new AssertionError("no row for group " + group + " in " + rows);
    }
}
