package io.ludus.outbox.service;

import io.ludus.outbox.OutboxRelay;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * UP while this instance streams, and also while it waits as a standby: a standby is healthy, it is ready to take
 * over. DOWN only while a streaming relay restarts.
 */
@Singleton
@Requires(beans = OutboxRelayService.class)
final class OutboxRelayServiceHealth implements HealthIndicator {

    private final OutboxRelayService service;

    OutboxRelayServiceHealth(OutboxRelayService service) {
        this.service = service;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        OutboxRelay relay = service.relay();
        if (relay == null) {
            return Publishers.just(HealthResult.builder("outbox-relay", HealthStatus.UP)
                    .details(Map.of("state", "STANDBY", "waitingFor", service.waitingFor())).build());
        }
        OutboxRelay.State state = relay.state();
        return Publishers.just(HealthResult.builder("outbox-relay", state == OutboxRelay.State.STREAMING ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("state", state.name(), "restarts", relay.restarts(), "deadLettered", relay.deadLettered()))
                .build());
    }
}
