package io.ludus.projections.streams;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** UP while every projection Streams application (ratings, social) is running or rebalancing; DOWN otherwise. */
@Singleton
@Requires(beans = ManagedStreams.class)
public class StreamsHealthIndicator implements HealthIndicator {

    private final List<ManagedStreams> applications;

    public StreamsHealthIndicator(List<ManagedStreams> applications) {
        this.applications = applications;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (ManagedStreams app : applications) {
            details.put(app.name(), app.state().name());
            up &= app.isHealthy();
        }
        return Publishers.just(HealthResult.builder("projection-streams", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details).build());
    }
}
