package io.ludus.workers;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a {@link SimulationWorker} is configured with. Field names follow the {@code ludus.sim.*}
 * properties; a bad value fails construction with a message naming the property.
 *
 * @param bootstrapServers   {@code ludus.kafka.bootstrap-servers} (default localhost:9092)
 * @param groupId            consumer group (default {@code ludus-sim-workers})
 * @param threads            simulation threads; 0 means one per core (default 0)
 * @param maxPollRecords     requests per batch, and so per transaction (default 128)
 * @param instanceId         stable id of this worker, or null. When set it is the consumer's static
 *                           {@code group.instance.id} and the base of the transactional id, so a restarted
 *                           instance takes over at once and aborts what its predecessor left open. Default
 *                           null: a random transactional id, dynamic group membership.
 * @param topicPrefix        prefix of every topic name (default empty)
 * @param transactionTimeout broker aborts a transaction left open this long (default 30s)
 * @param shutdownTimeout    how long close waits for the batch in flight (default 30s)
 * @param replayBaseUri      base the replay key is resolved against for the reference's uri (from {@code ludus.replay.*})
 * @param replayMaxAge       replay retention, for SimulationCompleted.replayExpiresAt; null keeps replays forever
 */
public record SimWorkerConfig(
        String bootstrapServers,
        String groupId,
        int threads,
        int maxPollRecords,
        String instanceId,
        String topicPrefix,
        Duration transactionTimeout,
        Duration shutdownTimeout,
        URI replayBaseUri,
        Duration replayMaxAge) {

    public static final String DEFAULT_GROUP_ID = "ludus-sim-workers";
    public static final int DEFAULT_MAX_POLL_RECORDS = 128;
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public SimWorkerConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("ludus.kafka.bootstrap-servers must not be blank");
        }
        if (groupId == null || !ID.matcher(groupId).matches()) {
            throw new IllegalArgumentException("ludus.sim.group-id must be 1-200 of [A-Za-z0-9._-], was " + groupId);
        }
        if (threads < 0 || threads > 1024) {
            throw new IllegalArgumentException("ludus.sim.threads must be 0 (one per core) to 1024, was " + threads);
        }
        if (maxPollRecords < 1 || maxPollRecords > 10_000) {
            throw new IllegalArgumentException("ludus.sim.max-poll-records must be 1 to 10000, was " + maxPollRecords);
        }
        if (instanceId != null && !ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("ludus.sim.instance-id must be 1-200 of [A-Za-z0-9._-], was " + instanceId);
        }
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        if (!topicPrefix.isEmpty() && !ID.matcher(topicPrefix).matches()) {
            throw new IllegalArgumentException("ludus.sim.topic-prefix may only hold [A-Za-z0-9._-], was " + topicPrefix);
        }
        requirePositive("ludus.sim.transaction-timeout", transactionTimeout);
        requirePositive("ludus.sim.shutdown-timeout", shutdownTimeout);
        Objects.requireNonNull(replayBaseUri, "ludus.replay base uri");
        if (replayMaxAge != null && (replayMaxAge.isNegative() || replayMaxAge.isZero())) {
            throw new IllegalArgumentException("ludus.replay.retention.max-age must be positive, was " + replayMaxAge);
        }
    }

    /** Defaults for everything but the broker and where replays live. */
    public static SimWorkerConfig defaults(String bootstrapServers, URI replayBaseUri) {
        return new SimWorkerConfig(bootstrapServers, DEFAULT_GROUP_ID, 0, DEFAULT_MAX_POLL_RECORDS, null, "",
                DEFAULT_TRANSACTION_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT, replayBaseUri, null);
    }

    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    public WorkerTopics topics() {
        return WorkerTopics.withPrefix(topicPrefix);
    }

    public SimWorkerConfig withGroupId(String value) {
        return new SimWorkerConfig(bootstrapServers, value, threads, maxPollRecords, instanceId, topicPrefix,
                transactionTimeout, shutdownTimeout, replayBaseUri, replayMaxAge);
    }

    public SimWorkerConfig withThreads(int value) {
        return new SimWorkerConfig(bootstrapServers, groupId, value, maxPollRecords, instanceId, topicPrefix,
                transactionTimeout, shutdownTimeout, replayBaseUri, replayMaxAge);
    }

    public SimWorkerConfig withMaxPollRecords(int value) {
        return new SimWorkerConfig(bootstrapServers, groupId, threads, value, instanceId, topicPrefix,
                transactionTimeout, shutdownTimeout, replayBaseUri, replayMaxAge);
    }

    public SimWorkerConfig withInstanceId(String value) {
        return new SimWorkerConfig(bootstrapServers, groupId, threads, maxPollRecords, value, topicPrefix,
                transactionTimeout, shutdownTimeout, replayBaseUri, replayMaxAge);
    }

    public SimWorkerConfig withTopicPrefix(String value) {
        return new SimWorkerConfig(bootstrapServers, groupId, threads, maxPollRecords, instanceId, value,
                transactionTimeout, shutdownTimeout, replayBaseUri, replayMaxAge);
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be a positive duration, was " + value);
        }
    }
}
