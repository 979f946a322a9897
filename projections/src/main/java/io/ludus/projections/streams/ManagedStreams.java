package io.ludus.projections.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Properties;

/**
 * One running Kafka Streams application with a name for health and logs. A processing error stops the client
 * (state ERROR, health DOWN) rather than replacing the thread to fail on the same record again.
 */
public final class ManagedStreams implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final KafkaStreams streams;

    private ManagedStreams(String name, KafkaStreams streams) {
        this.name = name;
        this.streams = streams;
    }

    public static ManagedStreams start(String name, Topology topology, Properties properties) {
        KafkaStreams streams = new KafkaStreams(topology, properties);
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Streams application {} failed; stopping it", name, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> LOG.info("Streams application {}: {} -> {}", name, before, now));
        streams.start();
        return new ManagedStreams(name, streams);
    }

    public String name() {
        return name;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Running or rebalancing: the application processes or is about to. */
    public boolean isHealthy() {
        KafkaStreams.State state = streams.state();
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    @Override
    public void close() {
        if (!streams.close(CLOSE_TIMEOUT)) {
            LOG.warn("Streams application {} did not stop within {}", name, CLOSE_TIMEOUT);
        }
    }
}
