package io.ludus.ingress.health;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import org.reactivestreams.Publisher;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A health indicator that runs one blocking reachability probe on a virtual thread. */
abstract class DependencyHealth implements HealthIndicator {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final String name;

    DependencyHealth(String name) {
        this.name = name;
    }

    /** Returns details to show when reachable; throws when not. */
    abstract Map<String, Object> probe() throws Exception;

    @Override
    public Publisher<HealthResult> getResult() {
        // A pool waiting for a dead server can block far longer than a health check may take.
        return Publishers.fromCompletableFuture(CompletableFuture.supplyAsync(this::check, Thread.ofVirtual()::start)
                .completeOnTimeout(HealthResult.builder(name, HealthStatus.DOWN)
                        .details(Map.of("error", "no answer within " + PROBE_TIMEOUT.plusSeconds(1))).build(),
                        PROBE_TIMEOUT.plusSeconds(1).toMillis(), TimeUnit.MILLISECONDS));
    }

    HealthResult check() {
        try {
            return HealthResult.builder(name, HealthStatus.UP).details(probe()).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return HealthResult.builder(name, HealthStatus.DOWN).exception(e).build();
        }
    }
}
