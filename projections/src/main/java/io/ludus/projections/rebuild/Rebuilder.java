package io.ludus.projections.rebuild;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.projections.readmodel.Projection;
import io.ludus.projections.readmodel.Projector;
import io.ludus.projections.readmodel.ReadModelSchemas;
import io.ludus.events.topic.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rebuilds one read model from offset 0 while the live schema keeps serving: replays into
 * {@code projections_<name>_next} up to the live projector's offsets, then, holding the projection's advisory lock
 * exclusively (live batches hold it shared), applies the last stretch up to the live offsets of that moment and
 * renames both schemas in one transaction. Queries and the live projector name the live schema, so after the
 * commit they read and write the rebuilt tables; the live projector finds exactly the offsets it expects.
 */
public final class Rebuilder {

    private static final Logger LOG = LoggerFactory.getLogger(Rebuilder.class);
    /** Scratch schemas of point-in-time rebuilds: plain lowercase identifiers, safe to write unquoted. */
    private static final Pattern SCRATCH = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public record Result(String projection, Map<TopicPartition, Long> offsets, Duration took) {
        public long events() {
            return offsets.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * How far a rebuild is: {@code done} of {@code total} records of the log replayed (offsets, so transaction markers
     * count too), {@code swapping} once the last stretch runs under the swap lock.
     */
    public record Progress(String projection, long done, long total, Duration elapsed, boolean swapping) {
        public double fraction() {
            return total == 0 ? 1 : Math.min(1, (double) done / total);
        }
    }

    /** Receives a rebuild's progress on the rebuilding thread, after each batch. */
    @FunctionalInterface
    public interface ProgressListener {
        ProgressListener NONE = p -> { };

        void onProgress(Progress progress);
    }

    private final DataSource dataSource;
    private final String bootstrapServers;
    private final String topicPrefix;
    private final SchemaRegistryClient registry;
    private final Projector.Options options;

    public Rebuilder(DataSource dataSource, String bootstrapServers, String topicPrefix, SchemaRegistryClient registry,
                     Projector.Options options) {
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.topicPrefix = topicPrefix;
        this.registry = registry;
        this.options = options;
    }

    public Result rebuild(Projection projection) throws SQLException {
        return rebuild(projection, ProgressListener.NONE);
    }

    public Result rebuild(Projection projection, ProgressListener listener) throws SQLException {
        long begin = System.nanoTime();
        String name = projection.name();
        String live = ReadModelSchemas.live(name);
        String next = ReadModelSchemas.next(name);
        String retired = ReadModelSchemas.retired(name);
        try (Connection control = dataSource.getConnection()) {
            control.setAutoCommit(true);
            if (!tryLock(control, "pg_try_advisory_lock", ("ludus.projections.rebuild." + name).hashCode())) {
                throw new RebuildException(RebuildException.Code.ALREADY_RUNNING, "a rebuild of " + name + " is already running");
            }
            try {
                dropSchema(control, next);
                dropSchema(control, retired);
                ReadModelSchemas.migrate(dataSource, name, live);
                ReadModelSchemas.migrate(dataSource, name, next);
                Map<TopicPartition, Long> targets;
                try (Projector projector = new Projector(projection, dataSource, next, false, bootstrapServers, topicPrefix,
                        registry, options)) {
                    Map<TopicPartition, Long> first = Projector.storedOffsets(dataSource, live);
                    long total = sum(first);
                    projector.catchUpTo(first, done -> listener.onProgress(
                            new Progress(name, done, total, Duration.ofNanos(System.nanoTime() - begin), false)));
                    LOG.info("Rebuild {}: caught up with the live offsets, locking for the swap", name);
                    lock(control, Projector.swapLockKey(name));
                    try {
                        targets = Projector.storedOffsets(dataSource, live);
                        long last = sum(targets);
                        listener.onProgress(new Progress(name, total, last, Duration.ofNanos(System.nanoTime() - begin), true));
                        projector.catchUpTo(targets, done -> listener.onProgress(
                                new Progress(name, done, last, Duration.ofNanos(System.nanoTime() - begin), true)));
                        projector.storeOffsets(targets);
                        swap(control, live, next, retired);
                    } finally {
                        unlock(control, "pg_advisory_unlock", Projector.swapLockKey(name));
                    }
                }
                dropSchema(control, retired);
                Duration took = Duration.ofNanos(System.nanoTime() - begin);
                LOG.info("Rebuild {}: swapped in {}", name, took);
                return new Result(name, targets, took);
            } finally {
                unlock(control, "pg_advisory_unlock", ("ludus.projections.rebuild." + name).hashCode());
            }
        }
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Replays one read model into {@code scratchSchema} as it stood at {@code time}: per partition of its topics, every
     * committed record with a timestamp at or before {@code time}. The live schema is not touched; the scratch schema
     * gets the projection's tables and its offsets, for an analyst to query. {@code replace} drops an existing scratch
     * schema first; otherwise one that exists is refused.
     */
    public Result rebuildAsOf(Projection projection, Instant time, String scratchSchema, boolean replace) throws SQLException {
        long begin = System.nanoTime();
        if (!SCRATCH.matcher(scratchSchema).matches() || scratchSchema.startsWith(ReadModelSchemas.PREFIX)
                || scratchSchema.startsWith("pg_") || scratchSchema.equals("public") || scratchSchema.equals("information_schema")) {
            throw new RebuildException(RebuildException.Code.BAD_CONFIGURATION, "scratch schema must match " + SCRATCH.pattern()
                    + " and be none of public, pg_*, information_schema, " + ReadModelSchemas.PREFIX + "*; was '" + scratchSchema + "'");
        }
        try (Connection control = dataSource.getConnection()) {
            control.setAutoCommit(true);
            if (schemaExists(control, scratchSchema)) {
                if (!replace) {
                    throw new RebuildException(RebuildException.Code.SCHEMA_EXISTS, "schema " + scratchSchema
                            + " already exists; choose another or replace it");
                }
                dropSchema(control, scratchSchema);
            }
        }
        ReadModelSchemas.migrate(dataSource, projection.name(), scratchSchema);
        Map<TopicPartition, Long> targets = offsetsAt(projection, time);
        try (Projector projector = new Projector(projection, dataSource, scratchSchema, false, bootstrapServers, topicPrefix,
                registry, options)) {
            projector.catchUpTo(targets);
            projector.storeOffsets(targets);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        LOG.info("Rebuild {} as of {} into {}: done in {}", projection.name(), time, scratchSchema, took);
        return new Result(projection.name(), targets, took);
    }

    /** Per partition, the offset of the first record after {@code time}, or the committed end when there is none. */
    private Map<TopicPartition, Long> offsetsAt(Projection projection, Instant time) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "projections-" + projection.name() + "-as-of");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (TopicSpec<String, ?> spec : projection.topics()) {
                String topic = topicPrefix + spec.name();
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("projection " + projection.name() + ": topic " + topic + " does not exist");
                }
                infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(tp -> query.put(tp, time.toEpochMilli() + 1));
            Map<TopicPartition, OffsetAndTimestamp> after = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> targets = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp first = after.get(tp);
                targets.put(tp, first == null ? ends.get(tp) : Math.min(first.offset(), ends.get(tp)));
            }
            return targets;
        }
    }

    private static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void swap(Connection c, String live, String next, String retired) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            // identifiers come from ReadModelSchemas (checked names), never from input
            s.execute("ALTER SCHEMA " + live + " RENAME TO " + retired);
            s.execute("ALTER SCHEMA " + next + " RENAME TO " + live);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void dropSchema(Connection c, String schema) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void lock(Connection c, long key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
            s.setLong(1, key);
            s.execute();
        }
    }

    private static boolean tryLock(Connection c, String function, long key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + function + "(?)")) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, String function, long key) throws SQLException {
        tryLock(c, function, key);
    }
}
