package io.ludus.projections.service;

import io.ludus.projections.readmodel.Projector;
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

/**
 * UP while every read-model projector's thread runs and its last batch did not fail; DOWN while one retries a failed
 * batch (database or broker away) or has stopped. Details per read model: partitions owned, events applied since
 * start, last commit, last error.
 */
@Singleton
@Requires(beans = ReadModels.class)
public class ProjectorsHealthIndicator implements HealthIndicator {

    private final ReadModels readModels;

    public ProjectorsHealthIndicator(ReadModels readModels) {
        this.readModels = readModels;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(health(readModels.projectors()));
    }

    static HealthResult health(List<Projector> projectors) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        for (Projector projector : projectors) {
            boolean running = projector.isRunning();
            String error = projector.lastError();
            up &= running && error == null;
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("state", !running ? "STOPPED" : error == null ? "RUNNING" : "RETRYING");
            one.put("partitions", projector.ownedPartitions().size());
            one.put("applied", projector.appliedEvents());
            one.put("lastBatchAt", String.valueOf(projector.lastBatchAt()));
            if (error != null) {
                one.put("lastError", error);
            }
            details.put(projector.projectionName(), one);
        }
        return HealthResult.builder("projectors", up ? HealthStatus.UP : HealthStatus.DOWN).details(details).build();
    }
}
