package io.ludus.matchmaker.service;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything one matchmaker instance runs with, validated; {@link MatchmakerProperties} documents each key.
 *
 * @param applicationServer host:port other instances reach this one's HTTP API at, for queue queries
 * @param streamsOverrides  further Kafka Streams settings ({@code ludus.matchmaker.streams.*}), applied last
 */
public record MatchmakerConfig(String bootstrapServers, String applicationId, Path stateDir, int threads,
                               int standbyReplicas, Duration commitInterval, Duration passInterval, int maxOpenTickets,
                               String topicPrefix, Optional<String> applicationServer, Map<String, String> streamsOverrides) {

    public MatchmakerConfig {
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    /** The Kafka Streams configuration; built apart from the topology, which never sees it. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        // only the ticket store is cached (see MatchmakerTopology); the cache is flushed at every commit
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
        // Never hold a task back to align its inputs by timestamp: nothing here depends on cross-partition order (a
        // join may see a rating a moment old; a closure racing a join errs on the cap's side). The default (0)
        // stalls the player stage whenever one of its four inputs has lag but nothing buffered, and builds a
        // log string per record while checking that (17% of the stream thread in the profile, docs/benchmarks.md).
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // With no input the thread blocks in poll this long; wall-clock passes and commits wait behind it, so keep it
        // well under the pass and commit intervals (the default, 100 ms, adds up to 100 ms to each hop).
        p.put(StreamsConfig.POLL_MS_CONFIG, Math.max(1, Math.min(passInterval.toMillis(), commitInterval.toMillis()) / 5));
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        applicationServer.ifPresent(server -> p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server));
        p.putAll(streamsOverrides);
        return p;
    }
}
