package io.ludus.notifier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * The notifier's Streams settings.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param applicationId    Streams application id: consumer group and prefix of internal topics
 * @param stateDir         where RocksDB keeps the cursor store
 * @param threads          stream threads
 * @param replication      replication factor of the internal topics
 * @param commitInterval   how often a transaction commits: the floor of event-to-notification latency
 */
public record NotifierConfig(String bootstrapServers, String applicationId, Path stateDir, int threads,
                             int replication, Duration commitInterval) {

    public NotifierConfig {
        Objects.requireNonNull(bootstrapServers, "ludus.kafka.bootstrap-servers");
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("ludus.notifier.application-id must not be blank");
        }
        Objects.requireNonNull(stateDir, "ludus.notifier.state-dir");
        if (threads < 1) {
            throw new IllegalArgumentException("ludus.notifier.threads must be >= 1, was " + threads);
        }
        if (replication < 1) {
            throw new IllegalArgumentException("ludus.notifier.replication-factor must be >= 1, was " + replication);
        }
        if (commitInterval == null || commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("ludus.notifier.commit-interval must be a positive duration, was " + commitInterval);
        }
    }

    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replication);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        // A record no schema can read is logged and skipped rather than stopping every player's notifications.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }
}
