package io.ludus.outbox;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.ChangeEvent;
import io.debezium.embedded.Connect;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Ships committed outbox rows to Kafka: topic = aggregatetype, key = aggregateid, value = payload bytes unchanged,
 * headers {@code eventType} and {@code id}. At-least-once: a batch's offsets are committed only after Kafka
 * acknowledged every send, so a crash replays; consumers deduplicate by the {@code id} header.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService executor;
    private final CompletableFuture<Throwable> stopped;

    private OutboxRelay(DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine, KafkaProducer<String, byte[]> producer,
                        ExecutorService executor, CompletableFuture<Throwable> stopped) {
        this.engine = engine;
        this.producer = producer;
        this.executor = executor;
        this.stopped = stopped;
    }

    /** Starts the engine and returns once its replication slot is streaming; throws if not within the start timeout. */
    public static OutboxRelay start(OutboxRelayConfig config) {
        reconcileSlotAndOffsets(config);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        CompletableFuture<Throwable> stopped = new CompletableFuture<>();
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine = DebeziumEngine.create(Connect.class)
                .using(connectorProperties(config))
                .notifying((records, committer) -> {
                    List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
                    for (ChangeEvent<SourceRecord, SourceRecord> event : records) {
                        sends.add(producer.send(toProducerRecord(event.value())));
                    }
                    for (Future<RecordMetadata> send : sends) {
                        try {
                            send.get();
                        } catch (java.util.concurrent.ExecutionException e) {
                            throw new OutboxRelayException("Kafka rejected an outbox record; batch not committed", e.getCause());
                        }
                    }
                    for (ChangeEvent<SourceRecord, SourceRecord> event : records) {
                        committer.markProcessed(event);
                    }
                    committer.markBatchFinished();
                })
                .using((success, message, error) -> {
                    if (!success) {
                        log.error("outbox relay engine stopped: {}", message, error);
                    }
                    stopped.complete(success ? null : (error != null ? error : new IllegalStateException(message)));
                })
                .build();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
        executor.execute(engine);
        OutboxRelay relay = new OutboxRelay(engine, producer, executor, stopped);
        try {
            awaitStreaming(config, stopped);
        } catch (RuntimeException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    static ProducerRecord<String, byte[]> toProducerRecord(SourceRecord record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header.key(), String.valueOf(header.value()).getBytes(StandardCharsets.UTF_8));
        }
        byte[] value = switch (record.value()) {
            case byte[] bytes -> bytes;
            case ByteBuffer buffer -> {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                yield bytes;
            }
            case null -> null;
            default -> throw new OutboxRelayException("outbox payload must be bytea, got " + record.value().getClass(), null);
        };
        return new ProducerRecord<>(record.topic(), null, record.key() == null ? null : record.key().toString(), value, headers);
    }

    static Properties connectorProperties(OutboxRelayConfig config) {
        Properties p = new Properties();
        p.setProperty("name", "ludus-outbox-relay");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", config.offsetsFile().toString());
        // Flush after every batch so a clean restart neither replays nor skips.
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("database.hostname", config.host());
        p.setProperty("database.port", Integer.toString(config.port()));
        p.setProperty("database.user", config.user());
        p.setProperty("database.password", config.password());
        p.setProperty("database.dbname", config.database());
        p.setProperty("topic.prefix", "ludus-outbox");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", config.slotName());
        p.setProperty("publication.name", config.publicationName());
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", config.table());
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("transforms", "outbox");
        p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        p.setProperty("transforms.outbox.route.by.field", "aggregatetype");
        p.setProperty("transforms.outbox.route.topic.replacement", "${routedByValue}");
        p.setProperty("transforms.outbox.table.field.event.id", "id");
        p.setProperty("transforms.outbox.table.field.event.key", "aggregateid");
        p.setProperty("transforms.outbox.table.field.event.payload", "payload");
        p.setProperty("transforms.outbox.table.expand.json.payload", "false");
        p.setProperty("transforms.outbox.table.fields.additional.placement", "type:header:eventType");
        return p;
    }

    /** Offsets file and slot are one unit: an offsets file whose slot is gone points at WAL that no longer exists. */
    private static void reconcileSlotAndOffsets(OutboxRelayConfig config) {
        boolean slotExists;
        try (Connection c = connect(config);
             PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, config.slotName());
            try (ResultSet rs = s.executeQuery()) {
                slotExists = rs.next();
            }
        } catch (SQLException e) {
            throw new OutboxRelayException("cannot inspect replication slot " + config.slotName(), e);
        }
        boolean offsetsExist = Files.exists(config.offsetsFile());
        if (offsetsExist && !slotExists) {
            log.warn("offsets file {} exists but replication slot {} is gone; discarding the offsets and creating a "
                    + "new slot (rows committed while no slot existed are not relayed)", config.offsetsFile(), config.slotName());
            try {
                Files.delete(config.offsetsFile());
            } catch (IOException e) {
                throw new OutboxRelayException("cannot delete stale offsets file " + config.offsetsFile(), e);
            }
        } else if (slotExists && !offsetsExist) {
            log.warn("replication slot {} exists but offsets file {} is missing; resuming from the slot's confirmed position",
                    config.slotName(), config.offsetsFile());
        }
    }

    private static void awaitStreaming(OutboxRelayConfig config, CompletableFuture<Throwable> stopped) {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        try (Connection c = connect(config);
             PreparedStatement s = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            s.setString(1, config.slotName());
            while (true) {
                if (stopped.isDone()) {
                    throw new OutboxRelayException("outbox relay engine stopped during startup", stopped.join());
                }
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new OutboxRelayException("replication slot " + config.slotName() + " did not become active within "
                            + config.startTimeout(), null);
                }
                Thread.sleep(100);
            }
        } catch (SQLException e) {
            throw new OutboxRelayException("cannot watch replication slot " + config.slotName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutboxRelayException("interrupted while waiting for the relay to stream", e);
        }
    }

    private static Connection connect(OutboxRelayConfig config) throws SQLException {
        return DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
    }

    @Override
    public void close() {
        try {
            engine.close();
        } catch (IOException e) {
            log.warn("closing the Debezium engine failed", e);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("outbox relay engine did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
