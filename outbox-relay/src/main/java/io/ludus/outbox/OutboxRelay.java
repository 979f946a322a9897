package io.ludus.outbox;

import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ships committed outbox rows to Kafka: topic = aggregatetype, key = aggregateid, value = payload bytes unchanged,
 * headers {@code eventType} and {@code id}. Each batch is one Kafka transaction, and its offsets are committed only
 * after the transaction is; rows are deleted once published.
 * <p>
 * Supervised: when the engine stops (Kafka unreachable past the delivery timeout, PostgreSQL restarting) it is
 * started again with backoff and replays the batch. A batch that timed out was aborted, so whatever of it reached
 * Kafka stays invisible to read_committed consumers; ids already committed in this process are not sent again.
 * A row Kafka can never take (too large, an invalid topic name, a payload that is not bytes) goes to
 * {@value #DEAD_LETTER_TABLE} and the relay goes on. A crash of the process between a commit and its offsets can
 * still repeat a batch, so consumers read committed records and deduplicate by the {@code id} header.
 */
public final class OutboxRelay implements AutoCloseable {

    public enum State { STREAMING, RESTARTING, CLOSED }

    static final String DEAD_LETTER_TABLE = "outbox_dead_letter";
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Ids acknowledged by Kafka but maybe not yet committed as offsets: enough for several batches. */
    private static final int ACKNOWLEDGED_IDS_KEPT = 20_000;

    private final OutboxRelayConfig config;
    private final Set<String> acknowledged = Collections.newSetFromMap(new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > ACKNOWLEDGED_IDS_KEPT;
        }
    });
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final Object lifecycle = new Object();
    private volatile State state = State.RESTARTING;
    private volatile boolean closing;
    private Run current;
    private Thread supervisor;
    private Connection housekeeping;

    /** One engine, its producer and the thread it runs on; {@code stopped} completes with its error (null on a clean stop). */
    private record Run(DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine, KafkaProducer<String, byte[]> producer,
                       ExecutorService executor, CompletableFuture<Throwable> stopped) {
        void close() {
            try {
                engine.close();
            } catch (IOException | IllegalStateException e) {
                // an engine that failed has shut itself down already
                log.debug("closing the Debezium engine: {}", e.toString());
            }
            executor.shutdown();
            try {
                if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                    log.warn("outbox relay engine did not stop within 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // a producer stuck in a transaction that timed out is replaced: the next one's init aborts it
            producer.close(Duration.ofSeconds(5));
        }
    }

    private OutboxRelay(OutboxRelayConfig config) {
        this.config = config;
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        long deliveryMs = config.deliveryTimeout().toMillis();
        producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(deliveryMs));
        // Kafka requires delivery >= linger + request timeout
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000, deliveryMs / 2)));
        producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(deliveryMs));
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ludus-outbox-relay-" + config.slotName());
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw new OutboxRelayException("Kafka at " + config.bootstrapServers() + " is not reachable", e);
        }
        return producer;
    }

    /** Starts the engine and returns once its replication slot is streaming; throws if not within the start timeout. */
    public static OutboxRelay start(OutboxRelayConfig config) {
        OutboxRelay relay = new OutboxRelay(config);
        try {
            relay.requireOutboxTable();
            relay.createDeadLetterTable();
            synchronized (relay.lifecycle) {
                relay.current = relay.launch();
            }
            relay.awaitStreaming(relay.current.stopped());
            relay.state = State.STREAMING;
        } catch (RuntimeException e) {
            relay.close();
            throw e;
        }
        relay.supervisor = Thread.ofPlatform().name("outbox-relay-supervisor").daemon().start(relay::supervise);
        return relay;
    }

    public State state() {
        return state;
    }

    /** How often the engine stopped and was started again. */
    public long restarts() {
        return restarts.get();
    }

    /** Rows sent to the dead-letter table. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** {@code ludus.outbox.relay.streaming} (1 or 0), {@code .restarts} and {@code .dead.letters}. */
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("ludus.outbox.relay.streaming", this, relay -> relay.state == State.STREAMING ? 1 : 0)
                .description("1 while the outbox relay streams, 0 while it restarts or after it closed")
                .register(meters);
        FunctionCounter.builder("ludus.outbox.relay.restarts", restarts, AtomicLong::get)
                .description("times the outbox relay's engine stopped and was started again").register(meters);
        FunctionCounter.builder("ludus.outbox.relay.dead.letters", deadLettered, AtomicLong::get)
                .description("outbox rows Kafka could not take, kept in " + DEAD_LETTER_TABLE).register(meters);
    }

    private Run launch() {
        reconcileSlotAndOffsets(config);
        KafkaProducer<String, byte[]> producer = newProducer();
        CompletableFuture<Throwable> stopped = new CompletableFuture<>();
        DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine = DebeziumEngine.create(Connect.class)
                .using(connectorProperties(config))
                .notifying((records, committer) -> {
                    List<String> handled = ship(producer, records);
                    for (ChangeEvent<SourceRecord, SourceRecord> event : records) {
                        committer.markProcessed(event);
                    }
                    committer.markBatchFinished();
                    deletePublished(handled);
                })
                .using((success, message, error) -> {
                    if (!success && !closing) {
                        log.error("outbox relay engine stopped: {}", message, error);
                    }
                    stopped.complete(success ? null : (error != null ? error : new IllegalStateException(message)));
                })
                .build();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
        executor.execute(engine);
        return new Run(engine, producer, executor, stopped);
    }

    /**
     * Publishes the batch in one transaction. A row Kafka refuses for good is dead-lettered and the
     * transaction is tried again without it. Returns the outbox ids now done with (published or
     * dead-lettered). Throws, so the batch is not committed, when Kafka may take the records later.
     */
    private List<String> ship(KafkaProducer<String, byte[]> producer, List<ChangeEvent<SourceRecord, SourceRecord>> records) {
        List<String> handled = new ArrayList<>(records.size());
        List<SourceRecord> pending = new ArrayList<>(records.size());
        for (ChangeEvent<SourceRecord, SourceRecord> event : records) {
            SourceRecord record = event.value();
            String id = header(record, "id");
            if (id != null && isAcknowledged(id)) {
                handled.add(id);
            } else {
                pending.add(record);
            }
        }
        while (!pending.isEmpty()) {
            Map<SourceRecord, Throwable> refused = new LinkedHashMap<>();
            Throwable retriable = null;
            Throwable other = null;
            Map<SourceRecord, Future<RecordMetadata>> sends = new LinkedHashMap<>();
            // One deadline for the whole batch. With the broker gone, each send() may block for max.block.ms waiting
            // for metadata (the client re-bootstraps and forgets it), and a transactional producer never expires its
            // batches while the coordinator is unreachable: waits per record would add up to minutes.
            long deadline = System.nanoTime() + config.deliveryTimeout().multipliedBy(2).toNanos();
            producer.beginTransaction();
            for (SourceRecord record : pending) {
                if (System.nanoTime() > deadline) {
                    retriable = new org.apache.kafka.common.errors.TimeoutException(
                            "Kafka took longer than " + config.deliveryTimeout().multipliedBy(2) + " to accept the batch");
                    break;
                }
                try {
                    Future<RecordMetadata> send = producer.send(toProducerRecord(record));
                    sends.put(record, send);
                    if (send.isDone() && isRetriable(failureOf(send))) {
                        // the send failed before it left, on metadata: the rest would wait as long, one by one
                        break;
                    }
                } catch (OutboxRelayException e) {
                    refused.put(record, e);
                }
            }
            for (Map.Entry<SourceRecord, Future<RecordMetadata>> send : sends.entrySet()) {
                try {
                    send.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    retriable = retriable == null ? e : retriable;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (isRefusal(cause)) {
                        refused.put(send.getKey(), cause);
                    } else if (isRetriable(cause)) {
                        retriable = retriable == null ? cause : retriable;
                    } else {
                        // e.g. the sends behind a refused record, failed because the transaction already had
                        other = other == null ? cause : other;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OutboxRelayException("interrupted while waiting for Kafka", e);
                }
            }
            if (retriable == null && refused.isEmpty()) {
                try {
                    producer.commitTransaction();
                } catch (RuntimeException e) {
                    throw new OutboxRelayException("Kafka did not commit the outbox batch; it is not committed here either", e);
                }
                for (SourceRecord record : pending) {
                    String id = header(record, "id");
                    if (id != null) {
                        synchronized (acknowledged) {
                            acknowledged.add(id);
                        }
                    }
                    handled.add(id);
                }
                return handled;
            }
            // refused rows are done with, even if the abort below fails and the batch comes back
            for (Map.Entry<SourceRecord, Throwable> bad : refused.entrySet()) {
                deadLetter(bad.getKey(), bad.getValue());
                String id = header(bad.getKey(), "id");
                handled.add(id);
                if (id != null) {
                    synchronized (acknowledged) {
                        acknowledged.add(id);
                    }
                }
            }
            producer.abortTransaction();
            if (retriable != null || refused.isEmpty()) {
                throw new OutboxRelayException("Kafka did not take an outbox record; batch aborted, not committed",
                        retriable != null ? retriable : other);
            }
            pending.removeAll(refused.keySet());
        }
        return handled;
    }

    /** Kafka may take the record later: a broker away, credentials being fixed. */
    private static boolean isRetriable(Throwable error) {
        return error instanceof RetriableException || error instanceof AuthenticationException
                || error instanceof AuthorizationException;
    }

    private static Throwable failureOf(Future<RecordMetadata> done) {
        try {
            done.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /** Kafka refuses this record for good, whatever the retry: a bad row. */
    private static boolean isRefusal(Throwable error) {
        return error instanceof OutboxRelayException
                || error instanceof org.apache.kafka.common.errors.RecordTooLargeException
                || error instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                || error instanceof org.apache.kafka.common.errors.InvalidTopicException
                || error instanceof org.apache.kafka.common.InvalidRecordException;
    }

    private boolean isAcknowledged(String id) {
        synchronized (acknowledged) {
            return acknowledged.contains(id);
        }
    }

    private void supervise() {
        try {
            superviseUntilClosed();
        } catch (RuntimeException | Error e) {
            state = State.CLOSED;
            if (!closing) {
                log.error("outbox relay supervisor died; account events stop until the server restarts", e);
                throw e;
            }
        }
    }

    private void superviseUntilClosed() {
        Duration backoff = FIRST_BACKOFF;
        while (!closing) {
            Run run;
            synchronized (lifecycle) {
                run = current;
            }
            Throwable why = run.stopped().join();
            if (closing) {
                return;
            }
            state = State.RESTARTING;
            restarts.incrementAndGet();
            log.warn("outbox relay engine stopped ({}); starting it again in {} ms", why == null ? "cleanly" : why.toString(),
                    backoff.toMillis());
            run.close();
            while (!closing) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                Run next = null;
                try {
                    synchronized (lifecycle) {
                        if (closing) {
                            return;
                        }
                        next = launch();
                        current = next;
                    }
                    awaitStreaming(next.stopped());
                    state = State.STREAMING;
                    backoff = FIRST_BACKOFF;
                    log.info("outbox relay streaming again after restart {}", restarts.get());
                    break;
                } catch (RuntimeException e) {
                    log.warn("outbox relay could not start again ({}); next try in {} ms", e.toString(), backoff.toMillis());
                    if (next != null) {
                        next.close();
                    }
                }
            }
        }
    }

    /**
     * The outbox table is its owner's to migrate (ingress, with Flyway): until it exists the relay touches nothing,
     * since a table of its own in an empty schema would make the owner's first migration refuse that schema.
     */
    private void requireOutboxTable() {
        try (Connection c = connect(config); PreparedStatement exists = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            exists.setString(1, config.table());
            try (var rows = exists.executeQuery()) {
                if (!rows.next() || !rows.getBoolean(1)) {
                    throw new OutboxRelayException("outbox table " + config.table() + " does not exist yet", null);
                }
            }
        } catch (SQLException e) {
            throw new OutboxRelayException("cannot read " + config.table(), e);
        }
    }

    private void createDeadLetterTable() {
        try (Connection c = connect(config); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + DEAD_LETTER_TABLE + " (id text, topic text, key text, event_type text,"
                    + " payload bytea, error text NOT NULL, failed_at timestamptz NOT NULL DEFAULT now())");
        } catch (SQLException e) {
            throw new OutboxRelayException("cannot create " + DEAD_LETTER_TABLE, e);
        }
    }

    private void deadLetter(SourceRecord record, Throwable error) {
        log.error("outbox row {} (topic {}) cannot be published, moved to {}: {}", header(record, "id"), record.topic(),
                DEAD_LETTER_TABLE, error.toString());
        try {
            try (PreparedStatement insert = housekeeping().prepareStatement("INSERT INTO " + DEAD_LETTER_TABLE
                    + " (id, topic, key, event_type, payload, error) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, header(record, "id"));
                insert.setString(2, record.topic());
                insert.setString(3, record.key() == null ? null : record.key().toString());
                insert.setString(4, header(record, "eventType"));
                insert.setBytes(5, record.value() instanceof byte[] bytes ? bytes : null);
                insert.setString(6, String.valueOf(error));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            resetHousekeeping();
            // not committed: the engine stops, the supervisor starts it again and the row comes back
            throw new OutboxRelayException("cannot store outbox row " + header(record, "id") + " in " + DEAD_LETTER_TABLE, e);
        }
        deadLettered.incrementAndGet();
    }

    /** Published rows are history: delete them, or the table grows forever. The WAL still holds them until the slot moves. */
    private void deletePublished(List<String> ids) {
        List<String> known = ids.stream().filter(java.util.Objects::nonNull).toList();
        if (known.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = housekeeping().prepareStatement("DELETE FROM " + config.table() + " WHERE id::text = ANY (?)")) {
            delete.setArray(1, housekeeping().createArrayOf("text", known.toArray()));
            delete.executeUpdate();
        } catch (SQLException e) {
            resetHousekeeping();
            log.warn("could not delete {} published outbox rows (they stay, and are not sent again): {}", known.size(), e.toString());
        }
    }

    private synchronized Connection housekeeping() throws SQLException {
        if (housekeeping == null || housekeeping.isClosed()) {
            housekeeping = connect(config);
        }
        return housekeeping;
    }

    private synchronized void resetHousekeeping() {
        if (housekeeping != null) {
            try {
                housekeeping.close();
            } catch (SQLException ignored) {
                // replaced on next use
            }
            housekeeping = null;
        }
    }

    private static String header(SourceRecord record, String key) {
        Header header = record.headers().lastWithName(key);
        return header == null || header.value() == null ? null : String.valueOf(header.value());
    }

    /** Kafka's default max.request.size (1 MiB) less room for key, headers and batch overhead. */
    private static final int MAX_PAYLOAD_BYTES = 1024 * 1024 - 16 * 1024;

    /** Kafka's rule for topic names; checked here because an invalid one breaks the whole transaction for good. */
    private static final java.util.regex.Pattern TOPIC_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    static ProducerRecord<String, byte[]> toProducerRecord(SourceRecord record) {
        if (record.topic() == null || !TOPIC_NAME.matcher(record.topic()).matches()
                || record.topic().equals(".") || record.topic().equals("..")) {
            throw new OutboxRelayException("aggregatetype '" + record.topic() + "' is not a valid Kafka topic name", null);
        }
        long payloadBytes = switch (record.value()) {
            case byte[] bytes -> bytes.length;
            case ByteBuffer buffer -> buffer.remaining();
            case null, default -> 0;
        };
        if (payloadBytes > MAX_PAYLOAD_BYTES) {
            // checked here: a RecordTooLargeException leaves the transaction unable even to abort
            throw new OutboxRelayException("RecordTooLarge: payload of " + payloadBytes + " bytes exceeds "
                    + MAX_PAYLOAD_BYTES + " bytes", null);
        }
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
        // the relay deletes published rows itself; those deletes are not events
        p.setProperty("skipped.operations", "u,d,t");
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
            // normal after a restart that relayed nothing yet (the file is written with the first batch); the slot's
            // confirmed position is where the last committed batch ended either way
            log.info("replication slot {} exists and offsets file {} does not (yet); resuming from the slot's confirmed position",
                    config.slotName(), config.offsetsFile());
        }
    }

    private void awaitStreaming(CompletableFuture<Throwable> stopped) {
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
        Run run;
        synchronized (lifecycle) {
            closing = true;
            run = current;
        }
        state = State.CLOSED;
        if (supervisor != null) {
            supervisor.interrupt();
        }
        if (run != null) {
            run.close();
        }
        if (supervisor != null) {
            try {
                supervisor.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        resetHousekeeping();
    }
}
