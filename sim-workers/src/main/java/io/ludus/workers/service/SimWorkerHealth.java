package io.ludus.workers.service;

import io.ludus.workers.SimulationWorker;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.Map;

/** UP while the worker's loop runs (assigned partitions or waiting for some); DOWN once it stopped or failed. */
@Singleton
@Requires(beans = SimulationWorker.class)
public class SimWorkerHealth implements HealthIndicator {

    private final SimulationWorker worker;

    public SimWorkerHealth(SimulationWorker worker) {
        this.worker = worker;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        SimulationWorker.State state = worker.state();
        HealthStatus status = state == SimulationWorker.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN;
        return Publishers.just(HealthResult.builder("sim-workers", status)
                .details(Map.of("state", state.name(), "assignedPartitions", worker.assignment().size()))
                .build());
    }
}
