package io.ludus.matchmaker.service;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

import java.util.Map;

/** UP while the streams client runs or rebalances; DOWN once it stopped or failed (then it will not recover alone). */
@Singleton
@Requires(beans = MatchmakerStreams.class)
public class MatchmakerHealth implements HealthIndicator {

    private final MatchmakerStreams matchmaker;

    public MatchmakerHealth(MatchmakerStreams matchmaker) {
        this.matchmaker = matchmaker;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = matchmaker.state();
        HealthStatus status = state.isRunningOrRebalancing() ? HealthStatus.UP : HealthStatus.DOWN;
        return Publishers.just(HealthResult.builder("matchmaker", status)
                .details(Map.of("state", state.name(), "queues", matchmaker.queues().ids()))
                .build());
    }
}
