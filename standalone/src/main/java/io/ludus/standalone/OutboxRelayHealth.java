package io.ludus.standalone;

import io.ludus.outbox.OutboxRelay;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.util.Map;
import org.reactivestreams.Publisher;

/** DOWN until the relay streams, and again whenever it is restarting: account events are not flowing then. */
final class OutboxRelayHealth implements HealthIndicator {

    private volatile OutboxRelay relay;

    void attach(OutboxRelay started) {
        this.relay = started;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        OutboxRelay current = relay;
        OutboxRelay.State state = current == null ? null : current.state();
        HealthStatus status = state == OutboxRelay.State.STREAMING ? HealthStatus.UP : HealthStatus.DOWN;
        return Publishers.just(HealthResult.builder("outbox-relay", status)
                .details(Map.of("state", state == null ? "NOT_STARTED" : state.name(),
                        "restarts", current == null ? 0 : current.restarts(),
                        "deadLettered", current == null ? 0 : current.deadLettered()))
                .build());
    }
}
