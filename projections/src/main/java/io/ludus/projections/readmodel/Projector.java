package io.ludus.projections.readmodel;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueDeserializer;
import io.ludus.events.serde.EventSerializationException;
import io.ludus.events.topic.TopicSpec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies one {@link Projection}'s topics to one PostgreSQL schema with exactly-once effects: every batch's rows,
 * dead letters and next offsets commit in one transaction, and the consumer always resumes from the offsets in the
 * database. Before writing, a batch checks that the stored offsets are still the ones it last saw; if anything else
 * moved them (a rebuild's swap, a second instance that owned the partition a moment ago) it rewinds to the
 * database's offsets instead of writing, so nothing is applied twice.
 * <p>
 * Without a group id the projector reads every partition itself (rebuilds, tests). With one ({@link Options#groupId})
 * the instances of a service share the partitions through a Kafka consumer group: each seeks its newly assigned
 * partitions to the database's offsets, and when an instance dies the others take its partitions over. The offsets are
 * also committed to the group after each database commit, only so that lag tools (`./ludus ops groups`) see them.
 */
public final class Projector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);

    /**
     * Batch and retry settings; see ProjectionsConfiguration for the keys. {@code groupId}: the consumer group the
     * instances of a service share partitions through, or null for a projector that reads every partition alone.
     */
    public record Options(int maxBatchRecords, Duration pollTimeout, Duration retryBackoff, String groupId) {
        public static final Options DEFAULTS = new Options(2000, Duration.ofMillis(500), Duration.ofSeconds(1));

        public Options(int maxBatchRecords, Duration pollTimeout, Duration retryBackoff) {
            this(maxBatchRecords, pollTimeout, retryBackoff, null);
        }

        public Options withGroupId(String groupId) {
            return new Options(maxBatchRecords, pollTimeout, retryBackoff, groupId);
        }
    }

    private final Projection projection;
    private final DataSource dataSource;
    private final String schema;
    private final boolean live;
    private final Options options;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, AvroValueDeserializer<? extends SpecificRecord>> deserializers = new HashMap<>();
    private final List<TopicPartition> partitions = new ArrayList<>();
    /** Next offset per partition as this projector last read or wrote it in the database; absent = no row. */
    private final Map<TopicPartition, Long> expected = new HashMap<>();
    /** The consumer group's name for this projection, or null when this projector reads every partition. */
    private final String group;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private volatile Instant lastBatchAt;
    private volatile String lastError;
    private volatile Set<TopicPartition> owned = Set.of();
    private final java.util.concurrent.atomic.AtomicBoolean consumerClosed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean running;
    private Thread thread;

    /**
     * @param live        true for the serving schema: each batch takes the projection's shared advisory lock, which a
     *                    rebuild takes exclusively while it swaps schemas
     * @param topicPrefix prepended to the catalogue's topic names (several environments on one cluster); usually ""
     */
    public Projector(Projection projection, DataSource dataSource, String schema, boolean live, String bootstrapServers,
                     String topicPrefix, SchemaRegistryClient registry, Options options) {
        this.projection = projection;
        this.dataSource = dataSource;
        this.schema = schema;
        this.live = live;
        this.options = options;
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, options.maxBatchRecords());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "projections-" + projection.name() + (live ? "" : "-rebuild"));
        this.group = options.groupId() == null ? null : options.groupId() + "." + topicPrefix + projection.name();
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            // no committed offset is ever used to position: the database's offsets are
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        }
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (TopicSpec<String, ?> spec : projection.topics()) {
            String topic = topicPrefix + spec.name();
            deserializers.put(topic, new AvroValueDeserializer<>(registry, spec.valueType()));
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                consumer.close();
                throw new IllegalStateException("projection " + projection.name() + ": topic " + topic + " does not exist");
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        if (group == null) {
            consumer.assign(partitions);
            owned = Set.copyOf(partitions);
        } else {
            consumer.subscribe(partitions.stream().map(TopicPartition::topic).distinct().toList(), new Rebalance());
        }
    }

    /** Runs on the projector's thread, inside poll: positions newly owned partitions at the database's offsets. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            // every batch is committed before the next poll, so nothing is in flight for these partitions
            owned = Set.copyOf(consumer.assignment().stream().filter(tp -> !revoked.contains(tp)).toList());
            revoked.forEach(expected::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            owned = Set.copyOf(consumer.assignment());
            if (!assigned.isEmpty()) {
                LOG.info("Projection {} (group {}): now owns {}", projection.name(), group, owned);
                try {
                    seekToStored(assigned);
                } catch (SQLException e) {
                    throw new KafkaException("cannot read the stored offsets of " + assigned, e);
                }
            }
        }
    }

    /** Events applied by this projector since it started (dead letters included). */
    public long appliedEvents() {
        return applied.get();
    }

    /** Batches that failed and were retried from the stored offsets. */
    public long failedBatches() {
        return failedBatches.get();
    }

    /** The partitions this projector reads now: all of them, or its share of the group's. */
    public Set<TopicPartition> ownedPartitions() {
        return owned;
    }

    /** When the last batch committed, or null before the first. */
    public Instant lastBatchAt() {
        return lastBatchAt;
    }

    /** The error of the last failed batch if the projector has not committed one since, else null. */
    public String lastError() {
        return lastError;
    }

    /** True while the projector's thread runs. */
    public boolean isRunning() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    public String projectionName() {
        return projection.name();
    }

    /** Runs the projector on its own thread until {@link #close()}. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("projector " + projection.name() + " already started");
        }
        running = true;
        thread = Thread.ofPlatform().name("projector-" + projection.name()).start(this::runLoop);
    }

    private void runLoop() {
        boolean synced = false;
        while (running) {
            try {
                if (!synced) {
                    rewindToDatabase();
                    synced = true;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(options.pollTimeout());
                if (!records.isEmpty()) {
                    applyBatch(records, Map.of());
                }
            } catch (WakeupException e) {
                // close() asked us to stop
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                failedBatches.incrementAndGet();
                lastError = e.toString();
                LOG.warn("Projection {} (schema {}): batch failed, retrying from the stored offsets in {}",
                        projection.name(), schema, options.retryBackoff(), e);
                synced = false;
                sleep(options.retryBackoff());
            }
        }
    }

    /**
     * Applies everything below {@code targets} (absent partitions: nothing) on the calling thread, then seeks back to
     * the stored offsets and stores exactly {@code targets}. For rebuilds, which must end at the live schema's offsets.
     */
    public void catchUpTo(Map<TopicPartition, Long> targets) throws SQLException {
        catchUpTo(targets, position -> { });
    }

    /** As {@link #catchUpTo(Map)}, telling {@code progress} the sum of the partitions' positions after each batch. */
    public void catchUpTo(Map<TopicPartition, Long> targets, java.util.function.LongConsumer progress) throws SQLException {
        if (group != null) {
            throw new IllegalStateException("catchUpTo needs a projector that reads every partition (no group id)");
        }
        rewindToDatabase();
        while (!reached(targets)) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(options.pollTimeout());
            if (!records.isEmpty()) {
                applyBatch(records, targets);
                long position = 0;
                for (TopicPartition tp : partitions) {
                    position += Math.min(consumer.position(tp), targets.getOrDefault(tp, 0L));
                }
                progress.accept(position);
            }
        }
        rewindToDatabase();
    }

    /** Stores {@code targets} as the next offsets where they are ahead (the rest of the way was transaction markers). */
    public void storeOffsets(Map<TopicPartition, Long> targets) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                setSearchPath(c);
                Map<TopicPartition, Long> ahead = new LinkedHashMap<>();
                Map<TopicPartition, Long> stored = readOffsets(c);
                targets.forEach((tp, offset) -> {
                    if (offset > stored.getOrDefault(tp, 0L)) {
                        ahead.put(tp, offset);
                    }
                });
                writeOffsets(c, ahead);
                c.commit();
                expected.putAll(ahead);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        for (TopicPartition tp : partitions) {
            if (consumer.position(tp) < targets.getOrDefault(tp, 0L)) {
                return false;
            }
        }
        return true;
    }

    /** The next offsets stored in {@code schema}, read in their own transaction. */
    public static Map<TopicPartition, Long> storedOffsets(DataSource dataSource, String schema) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                setSearchPath(c, schema);
                Map<TopicPartition, Long> offsets = readOffsets(c);
                c.commit();
                return offsets;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void rewindToDatabase() throws SQLException {
        expected.clear();
        seekToStored(group == null ? partitions : consumer.assignment());
    }

    private void seekToStored(Collection<TopicPartition> these) throws SQLException {
        Map<TopicPartition, Long> stored = storedOffsets(dataSource, schema);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : these) {
            expected.put(tp, stored.get(tp));
            Long next = stored.get(tp);
            if (next == null) {
                fromStart.add(tp);
            } else {
                consumer.seek(tp, next);
            }
        }
        if (!fromStart.isEmpty()) {
            consumer.seekToBeginning(fromStart);
        }
    }

    private record Pending(ConsumerRecord<byte[], byte[]> record, ProjectedEvent event) {
    }

    private record DeadLetter(ConsumerRecord<byte[], byte[]> record, DeadLetterReason reason, String detail) {
    }

    private void applyBatch(ConsumerRecords<byte[], byte[]> records, Map<TopicPartition, Long> limits) throws SQLException {
        List<Pending> pending = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        Map<TopicPartition, Long> next = new LinkedHashMap<>();
        for (TopicPartition tp : records.partitions()) {
            Long limit = limits.isEmpty() ? null : limits.getOrDefault(tp, 0L);
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                if (limit != null && record.offset() >= limit) {
                    break;
                }
                next.put(tp, record.offset() + 1);
                decode(record, pending, dead);
            }
        }
        if (next.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (live) {
                    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock_shared(?)")) {
                        lock.setLong(1, swapLockKey(projection.name()));
                        lock.execute();
                    }
                }
                setSearchPath(c);
                try (Statement s = c.createStatement()) {
                    s.execute("LOCK TABLE projector_offsets IN SHARE ROW EXCLUSIVE MODE");
                }
                Map<TopicPartition, Long> stored = readOffsets(c);
                for (TopicPartition tp : next.keySet()) {
                    if (!Objects.equals(stored.get(tp), expected.get(tp))) {
                        c.rollback();
                        LOG.info("Projection {} (schema {}): stored offset of {} is {}, expected {}; rewinding to the database",
                                projection.name(), schema, tp, stored.get(tp), expected.get(tp));
                        rewindToDatabase();
                        return;
                    }
                }
                applyIsolatingPoison(c, pending, dead);
                writeDeadLetters(c, dead);
                writeOffsets(c, next);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        expected.putAll(next);
        applied.addAndGet(pending.size() + dead.size());
        lastBatchAt = Instant.now();
        lastError = null;
        if (group != null) {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            next.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
            // for lag tools only; a failure (e.g. after a rebalance) changes nothing here
            consumer.commitAsync(commit, (offsets, error) -> {
                if (error != null) {
                    LOG.debug("Projection {}: offsets not committed to group {}: {}", projection.name(), group, error.toString());
                }
            });
        }
        for (DeadLetter d : dead) {
            LOG.warn("Projection {}: dead letter {}-{}@{} ({}): {}", projection.name(), d.record().topic(),
                    d.record().partition(), d.record().offset(), d.reason(), d.detail());
        }
    }

    private void decode(ConsumerRecord<byte[], byte[]> record, List<Pending> pending, List<DeadLetter> dead) {
        if (record.value() == null) {
            return; // a tombstone on a compacted topic: nothing to project
        }
        try {
            SpecificRecord value = deserializers.get(record.topic()).deserialize(record.topic(), record.value());
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            pending.add(new Pending(record, new ProjectedEvent(record.topic(), record.partition(), record.offset(),
                    Instant.ofEpochMilli(record.timestamp()), key, value)));
        } catch (EventSerializationException e) {
            dead.add(new DeadLetter(record, DeadLetterReason.UNDECODABLE, e.getMessage()));
        }
    }

    /** Applies the batch whole; if an event poisons it, applies the events one by one and dead-letters the culprits. */
    private void applyIsolatingPoison(Connection c, List<Pending> pending, List<DeadLetter> dead) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        Savepoint whole = c.setSavepoint();
        try {
            projection.apply(c, pending.stream().map(Pending::event).toList());
            c.releaseSavepoint(whole);
            return;
        } catch (InvalidEventException e) {
            c.rollback(whole);
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            c.rollback(whole);
        }
        for (Pending p : pending) {
            Savepoint one = c.setSavepoint();
            try {
                projection.apply(c, List.of(p.event()));
                c.releaseSavepoint(one);
            } catch (InvalidEventException e) {
                c.rollback(one);
                dead.add(new DeadLetter(p.record(), DeadLetterReason.INVALID_EVENT, e.getMessage()));
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                c.rollback(one);
                dead.add(new DeadLetter(p.record(), DeadLetterReason.REJECTED_BY_DATABASE, e.getSQLState() + ": " + e.getMessage()));
            }
        }
    }

    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private void setSearchPath(Connection c) throws SQLException {
        setSearchPath(c, schema);
    }

    private static void setSearchPath(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT set_config('search_path', ?, true)")) {
            s.setString(1, schema);
            s.execute();
        }
    }

    /** The advisory lock a live batch holds shared and a rebuild's swap holds exclusively. */
    public static long swapLockKey(String projection) {
        return ("ludus.projections." + projection).hashCode();
    }

    private static Map<TopicPartition, Long> readOffsets(Connection c) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT topic, partition, next_offset FROM projector_offsets");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
            }
        }
        return offsets;
    }

    private static void writeOffsets(Connection c, Map<TopicPartition, Long> next) throws SQLException {
        if (next.isEmpty()) {
            return;
        }
        String[] topics = new String[next.size()];
        Integer[] parts = new Integer[next.size()];
        Long[] offsets = new Long[next.size()];
        int i = 0;
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            topics[i] = e.getKey().topic();
            parts[i] = e.getKey().partition();
            offsets[i++] = e.getValue();
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO projector_offsets (topic, partition, next_offset)
                SELECT * FROM unnest(?::text[], ?::int[], ?::bigint[])
                ON CONFLICT (topic, partition) DO UPDATE SET next_offset = excluded.next_offset""")) {
            s.setArray(1, c.createArrayOf("text", topics));
            s.setArray(2, c.createArrayOf("int4", parts));
            s.setArray(3, c.createArrayOf("int8", offsets));
            s.executeUpdate();
        }
    }

    private static void writeDeadLetters(Connection c, List<DeadLetter> dead) throws SQLException {
        if (dead.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO dead_letters (topic, partition, "offset", record_key, reason, detail, payload, event_timestamp)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (DeadLetter d : dead) {
                ConsumerRecord<byte[], byte[]> r = d.record();
                s.setString(1, r.topic());
                s.setInt(2, r.partition());
                s.setLong(3, r.offset());
                s.setString(4, r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
                s.setString(5, d.reason().name());
                s.setString(6, d.detail() == null ? "" : d.detail());
                s.setBytes(7, r.value());
                s.setTimestamp(8, Timestamp.from(Instant.ofEpochMilli(r.timestamp())));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        awaitStopped(Duration.ofSeconds(10));
    }

    /**
     * Asks the projector's thread to stop without waiting: a poll is woken, a wait for a database connection or a
     * retry's sleep is interrupted. Several projectors stop in parallel this way ({@link #awaitStopped} each after).
     */
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            consumer.wakeup();
            t.interrupt();
        }
    }

    /** Waits up to {@code timeout} for the thread, then closes the consumer (left to the GC if the thread still runs). */
    public void awaitStopped(Duration timeout) {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("Projection {}: thread did not stop within {}; leaving its consumer", projection.name(), timeout);
                return;
            }
        }
        if (consumerClosed.compareAndSet(false, true)) {
            consumer.close(Duration.ofSeconds(5));
        }
    }

}
