package io.ludus.notifier.service;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

import java.util.Map;

/** UP while Streams runs or rebalances; DOWN once it stopped or failed. */
@Singleton
@Requires(beans = NotifierStreams.class)
public class NotifierHealth implements HealthIndicator {

    private final NotifierStreams streams;

    public NotifierHealth(@Named(NotifierFactory.NAME) NotifierStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = streams.state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING
                || state == KafkaStreams.State.CREATED;
        return Publishers.just(HealthResult.builder("notifier", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("state", state.name()))
                .build());
    }
}
