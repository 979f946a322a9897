package io.ludus.outbox;

import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.PostgresExtension;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestPostgres;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class OutboxRelayTest {

    private static final AtomicInteger SLOTS = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestPostgres postgres;
    private final TestKafka kafka;
    private TestDatabase db;
    private OutboxRelayConfig config;
    private String topic;

    OutboxRelayTest(TestPostgres postgres, TestKafka kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    @BeforeEach
    void setUp(@TempDir Path dir) throws SQLException {
        db = postgres.freshDatabase();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE outbox (id uuid PRIMARY KEY, aggregatetype text NOT NULL, aggregateid text NOT NULL,
                      type text NOT NULL, payload bytea NOT NULL, occurred_at timestamptz NOT NULL)""");
        }
        String name = "outbox_test_" + ProcessHandle.current().pid() + "_" + SLOTS.incrementAndGet();
        config = OutboxRelayConfig.of("localhost", postgres.port(), db.name(), db.user(), db.password(),
                kafka.bootstrapServers(), dir.resolve("offsets.dat")).withSlotAndPublication(name, name);
        topic = kafka.uniqueTopic("accounts");
    }

    @AfterEach
    void dropSlot() throws SQLException {
        // Slots are cluster-wide and pin WAL; the relay is closed by now, so its slot is inactive.
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, config.slotName());
            s.execute();
        }
    }

    @Test
    void refusesToStartBeforeTheOutboxTableExistsAndLeavesTheSchemaAlone() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE outbox");
        }

        assertThat(catchThrowable(() -> OutboxRelay.start(config)))
                .isInstanceOf(OutboxRelayException.class).hasMessageContaining("public.outbox does not exist yet");
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             var tables = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            tables.next();
            assertThat(tables.getInt(1)).as("tables the relay created in the owner's schema").isZero();
        }
    }

    @Test
    void shipsRowToAggregateTopicWithKeyExactPayloadAndHeaders() throws SQLException {
        byte[] payload = {0, 0, 0, 0, 7, (byte) 0xff, (byte) 0x80, 0x00, 0x22, 0x5c};
        UUID id;
        try (OutboxRelay relay = OutboxRelay.start(config)) {
            id = insert(List.of(payload), "acc-1", false).getFirst();
            List<ConsumerRecord<String, byte[]>> records = consume(1);
            assertThat(records).hasSize(1);
            ConsumerRecord<String, byte[]> record = records.getFirst();
            assertThat(record.key()).isEqualTo("acc-1");
            assertThat(record.value()).isEqualTo(payload);
            assertThat(header(record, "eventType")).isEqualTo("AccountCreated");
            assertThat(header(record, "id")).isEqualTo(id.toString());
        }
    }

    @Test
    void deliversWholeTransactionAndNeverRolledBackRows() throws SQLException {
        try (OutboxRelay relay = OutboxRelay.start(config)) {
            insert(List.of(bytes("rolled-back-1"), bytes("rolled-back-2")), "acc-x", true);
            List<UUID> committed = insert(List.of(bytes("a"), bytes("b"), bytes("c")), "acc-2", false);
            List<ConsumerRecord<String, byte[]>> records = consume(3);
            assertThat(records).extracting(r -> header(r, "id"))
                    .containsExactlyElementsOf(committed.stream().map(UUID::toString).toList());
            assertThat(records).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("a", "b", "c");
        }
    }

    @Test
    void restartWithSameOffsetsAndSlotDeliversEveryRowExactlyOnce() throws SQLException {
        List<UUID> ids = new java.util.ArrayList<>();
        try (OutboxRelay relay = OutboxRelay.start(config)) {
            ids.addAll(insert(List.of(bytes("1"), bytes("2")), "acc-3", false));
            consume(2);
        }
        ids.addAll(insert(List.of(bytes("3"), bytes("4")), "acc-3", false));
        try (OutboxRelay relay = OutboxRelay.start(config)) {
            ids.addAll(insert(List.of(bytes("5")), "acc-3", false));
            List<ConsumerRecord<String, byte[]>> records = consume(5);
            // A marker sent after everything else bounds the read, so late duplicates would show up.
            insert(List.of(bytes("end")), "acc-3", false);
            records = consume(6);
            assertThat(records.subList(0, 5)).extracting(r -> header(r, "id"))
                    .containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
            assertThat(records).hasSize(6);
        }
    }

    @Test
    void recoversWhenSlotWasDroppedButOffsetsFileRemains() throws SQLException {
        try (OutboxRelay relay = OutboxRelay.start(config)) {
            insert(List.of(bytes("before")), "acc-4", false);
            consume(1);
        }
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
            s.setString(1, config.slotName());
            s.execute();
        }
        assertThat(config.offsetsFile()).exists();
        try (OutboxRelay relay = OutboxRelay.start(config)) {
            UUID after = insert(List.of(bytes("after")), "acc-4", false).getFirst();
            List<ConsumerRecord<String, byte[]>> records = consume(2);
            assertThat(header(records.get(1), "id")).isEqualTo(after.toString());
            assertThat(records.get(1).value()).isEqualTo(bytes("after"));
        }
    }

    private List<UUID> insert(List<byte[]> payloads, String key, boolean rollback) throws SQLException {
        List<UUID> ids = new java.util.ArrayList<>();
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (byte[] payload : payloads) {
                    UUID id = UUID.randomUUID();
                    s.setObject(1, id);
                    s.setString(2, topic);
                    s.setString(3, key);
                    s.setString(4, "AccountCreated");
                    s.setBytes(5, payload);
                    s.setObject(6, OffsetDateTime.now());
                    s.executeUpdate();
                    ids.add(id);
                }
            }
            if (rollback) {
                c.rollback();
            } else {
                c.commit();
            }
        }
        return ids;
    }

    private List<ConsumerRecord<String, byte[]>> consume(int count) {
        return kafka.consumeUntil(topic, new StringDeserializer(), new ByteArrayDeserializer(), count, WAIT);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
