package io.ludus.tools.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ludus.events.match.MatchAbortReason;
import io.ludus.events.match.MatchAborted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.match.MatchSide;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueSerializer;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.ludus.tools.CliRun;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class EventsIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant BASE = Instant.parse("2026-11-30T12:00:00Z");

    private TestKafka kafka;
    private TestSchemaRegistry registry;
    private String topic;

    /**
     * matches-shaped topic: m1..m3 written with schema v1 (partition 0, BASE+0..2s), then with the current schema
     * m4 MatchFormed (BASE+3s), m5 MatchAborted (BASE+4s) on partition 1 and m6 MatchAborted at BASE+10s; m7 is in an
     * aborted transaction.
     */
    @BeforeAll
    void writeEvents(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        this.kafka = kafka;
        this.registry = registry;
        topic = kafka.uniqueTopic("ev-matches", 2);
        Schema v1;
        try (InputStream in = getClass().getResourceAsStream("/schema-history/matches-value/v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        List<ProducerRecord<String, byte[]>> old = new ArrayList<>();
        try (SchemaRegistryClient client = new SchemaRegistryClient(URI.create(registry.url()))) {
            int v1Id = client.register(topic + "-value", v1);
            for (int i = 1; i <= 3; i++) {
                old.add(new ProducerRecord<>(topic, 0, BASE.plusSeconds(i - 1).toEpochMilli(), "m" + i, frame(v1Id, v1, abortedV1(v1, "m" + i))));
            }
            kafka.produce(new StringSerializer(), new ByteArraySerializer(), old);
            AvroValueSerializer<MatchEvent> current = new AvroValueSerializer<>(client, MatchEvent.class);
            kafka.produce(new StringSerializer(), current, List.of(
                    new ProducerRecord<>(topic, 1, BASE.plusSeconds(3).toEpochMilli(), "m4", formed("m4")),
                    new ProducerRecord<>(topic, 1, BASE.plusSeconds(4).toEpochMilli(), "m5", aborted("m5")),
                    new ProducerRecord<>(topic, 1, BASE.plusSeconds(10).toEpochMilli(), "m6", aborted("m6"))));
            Map<String, Object> props = kafka.producerProps();
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-aborting");
            try (var producer = new KafkaProducer<>(props, new StringSerializer(), current)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, 1, BASE.plusSeconds(11).toEpochMilli(), "m7", aborted("m7"))).get();
                producer.abortTransaction();
            }
        }
    }

    private static GenericRecord abortedV1(Schema v1, String matchId) {
        Schema payload = v1.getField("payload").schema().getTypes().stream().filter(s -> s.getName().equals("MatchAborted")).findFirst().orElseThrow();
        Schema reason = payload.getField("reason").schema();
        return new GenericRecordBuilder(v1)
                .set("eventId", UUID.randomUUID().toString())
                .set("occurredAt", BASE.toEpochMilli())
                .set("correlationId", "c-" + matchId)
                .set("causationId", null)
                .set("payload", new GenericRecordBuilder(payload)
                        .set("matchId", matchId).set("queueId", "ranked-1v1").set("teamAPlayerId", "a").set("teamBPlayerId", "b")
                        .set("reason", new GenericData.EnumSymbol(reason, "TIMED_OUT")).set("message", "old, \"quoted\"")
                        .build())
                .build();
    }

    private static byte[] frame(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static MatchEvent envelope(String matchId, Object payload) {
        return MatchEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(BASE).setCorrelationId("c-" + matchId)
                .setPayload(payload).build();
    }

    private static MatchEvent aborted(String matchId) {
        return envelope(matchId, MatchAborted.newBuilder().setMatchId(matchId).setQueueId("ranked-1v1").setTeamAPlayerId("a")
                .setTeamBPlayerId("b").setReason(MatchAbortReason.SIMULATION_FAILED).setMessage("new").build());
    }

    private static MatchEvent formed(String matchId) {
        MatchSide a = MatchSide.newBuilder().setPlayerId("a").setTicketId("t-a").setRating(1510).setDeviation(80).setBot(false).build();
        MatchSide b = MatchSide.newBuilder().setPlayerId("b").setTicketId("t-b").setRating(1490).setDeviation(90).setBot(true).build();
        return envelope(matchId, MatchFormed.newBuilder().setMatchId(matchId).setQueueId("ranked-1v1").setTeamA(a).setTeamB(b)
                .setRanked(true).setSeed(42).build());
    }

    private CliRun export(Path out, String format, String... more) {
        List<String> args = new ArrayList<>(List.of("events", "export", "--topic", topic, "--from", BASE.toString(),
                "--format", format, "--out", out.toString(), "--quiet"));
        args.addAll(List.of(more));
        return CliRun.run(kafka.bootstrapServers(), registry.url(), args.toArray(String[]::new));
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    @Test
    void exportsJsonlDecodingEachRecordWithTheSchemaItWasWrittenWith(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("matches.jsonl");
        CliRun run = export(out, "jsonl", "--to", BASE.plusSeconds(10).toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("exported 5 of 5 records").contains("records/s");
        List<JsonNode> rows = lines(out);
        // partitions interleave in any order; within one they keep offset order
        assertThat(rows).extracting(r -> r.path("key").asText()).containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m5");
        assertThat(rows.stream().filter(r -> r.path("partition").asInt() == 0)).extracting(r -> r.path("key").asText()).containsExactly("m1", "m2", "m3");
        assertThat(rows.stream().map(r -> r.path("schemaId").asInt()).distinct().count()).as("v1 and v2 ids").isEqualTo(2);
        JsonNode old = byKey(rows, "m1");
        assertThat(old.path("type").asText()).isEqualTo("MatchAborted");
        assertThat(old.path("value").path("payload").path("reason").asText()).isEqualTo("TIMED_OUT");
        assertThat(old.path("timestamp").asText()).isEqualTo(BASE.toString());
        assertThat(old.path("value").path("occurredAt").asText()).isEqualTo(BASE.toString());
        JsonNode formed = byKey(rows, "m4");
        assertThat(formed.path("type").asText()).isEqualTo("MatchFormed");
        assertThat(formed.path("value").path("payload").path("teamB").path("bot").asBoolean()).isTrue();
        assertThat(formed.path("value").path("payload").path("seed").asLong()).isEqualTo(42);
    }

    private static JsonNode byKey(List<JsonNode> rows, String key) {
        return rows.stream().filter(r -> r.path("key").asText().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void filtersByTypeAndKey(@TempDir Path dir) throws Exception {
        Path byType = dir.resolve("formed.jsonl");
        assertThat(export(byType, "jsonl", "--type", "MatchFormed").exitCode()).isZero();
        assertThat(lines(byType)).extracting(r -> r.path("key").asText()).containsExactly("m4");
        Path byKey = dir.resolve("m2.jsonl");
        assertThat(export(byKey, "jsonl", "--key", "m2", "--type", "MatchAborted,MatchFormed").exitCode()).isZero();
        assertThat(lines(byKey)).extracting(r -> r.path("key").asText()).containsExactly("m2");
    }

    @Test
    void readCommittedSkipsAbortedTransactionsAndReadUncommittedShowsThem(@TempDir Path dir) throws Exception {
        Path committed = dir.resolve("committed.jsonl");
        assertThat(export(committed, "jsonl").exitCode()).isZero();
        assertThat(lines(committed)).extracting(r -> r.path("key").asText()).containsExactlyInAnyOrder("m1", "m2", "m3", "m4", "m5", "m6");
        Path uncommitted = dir.resolve("uncommitted.jsonl");
        CliRun run = export(uncommitted, "jsonl", "--isolation", "read_uncommitted");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(lines(uncommitted)).extracting(r -> r.path("key").asText()).contains("m7");
    }

    @Test
    void exportsFlattenedCsv(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("matches.csv");
        CliRun run = export(out, "csv");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(7);
        List<String> header = List.of(lines.getFirst().split(","));
        assertThat(header).startsWith("topic", "partition", "offset", "timestamp", "key", "schemaId", "type")
                .contains("payload.reason", "payload.teamA.rating", "payload.seed");
        String m1 = lines.stream().filter(l -> l.contains(",m1,")).findFirst().orElseThrow();
        assertThat(m1).contains("TIMED_OUT").contains("\"old, \"\"quoted\"\"\"");
    }

    @Test
    void exportsParquetThatDuckDbQueries(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("matches.parquet");
        CliRun run = export(out, "parquet");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        Map<String, Long> byType = new HashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = duck.createStatement().executeQuery(
                     "SELECT type, count(*), max(\"payload.teamA.rating\") FROM '" + out + "' GROUP BY type ORDER BY type")) {
            while (rs.next()) {
                byType.put(rs.getString(1), rs.getLong(2));
                if (rs.getString(1).equals("MatchFormed")) {
                    assertThat(rs.getDouble(3)).isEqualTo(1510.0);
                }
            }
        }
        assertThat(byType).isEqualTo(Map.of("MatchAborted", 5L, "MatchFormed", 1L));
        Map<String, String> types = new HashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             ResultSet rs = duck.createStatement().executeQuery("DESCRIBE SELECT * FROM '" + out + "'")) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        assertThat(types).as("column types from the Avro schemas").containsEntry("timestamp", "TIMESTAMP WITH TIME ZONE")
                .containsEntry("offset", "BIGINT").containsEntry("payload.teamA.rating", "DOUBLE");
    }

    @Test
    void tailPrintsOneDecodedEventPerLine() throws Exception {
        CliRun run = CliRun.run(kafka.bootstrapServers(), registry.url(), "events", "tail", "--topic", topic,
                "--from", BASE.toString(), "--type", "MatchFormed", "--max", "1");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.getFirst());
        assertThat(line.path("key").asText()).isEqualTo("m4");
        assertThat(line.path("value").path("payload").path("ranked").asBoolean()).isTrue();
    }

    @Test
    void stopsWithExitCode6OnARecordThatIsNotAvro(@TempDir Path dir) {
        String raw = kafka.uniqueTopic("ev-raw", 1);
        kafka.produce(new StringSerializer(), new StringSerializer(), List.of(new ProducerRecord<>(raw, 0, BASE.toEpochMilli(), "k", "plain text")));
        Path out = dir.resolve("raw.jsonl");
        CliRun run = CliRun.run(kafka.bootstrapServers(), registry.url(), "events", "export", "--topic", raw, "--from", BASE.toString(),
                "--format", "jsonl", "--out", out.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(6);
        assertThat(run.err()).contains(raw).contains("wire format");
        assertThat(out).doesNotExist();
        assertThat(Set.of(dir.toFile().list())).as("no staging file left behind").isEmpty();
    }

    @Test
    void namesTheFlagOfABadTimeOrRange(@TempDir Path dir) {
        CliRun badTime = export(dir.resolve("x.jsonl"), "jsonl", "--to", "yesterday");
        assertThat(badTime.exitCode()).isEqualTo(2);
        assertThat(badTime.err()).contains("--to");
        CliRun backwards = export(dir.resolve("x.jsonl"), "jsonl", "--to", BASE.minusSeconds(5).toString());
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.err()).contains("--to: must be after --from");
        CliRun missing = CliRun.run(kafka.bootstrapServers(), registry.url(), "events", "export", "--topic", "no-such-topic",
                "--from", BASE.toString(), "--format", "csv", "--out", dir.resolve("y.csv").toString());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(3);
    }
}
