package io.ludus.notifier.service;

import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;

/** The running notifier: its state for health, and a bounded close. */
public final class NotifierStreams implements AutoCloseable {

    private final KafkaStreams streams;
    private final Duration closeTimeout;

    NotifierStreams(KafkaStreams streams, Duration closeTimeout) {
        this.streams = streams;
        this.closeTimeout = closeTimeout;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(closeTimeout);
    }
}
