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
        // a record cache would hold outputs back until the commit anyway; without it the store writes are plain
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        applicationServer.ifPresent(server -> p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server));
        p.putAll(streamsOverrides);
        return p;
    }
}
