package io.ludus.workers;

import io.ludus.events.simulation.SimulationFailureReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The worker's meters, all named {@code ludus.sim.*}. */
final class WorkerMetrics {

    private final Counter completed;
    private final Map<SimulationFailureReason, Counter> failed = new EnumMap<>(SimulationFailureReason.class);
    private final Timer latency;
    private final Timer engine;
    private final DistributionSummary replayBytes;
    private final Counter abortedBatches;
    private final AtomicLong lag = new AtomicLong();

    WorkerMetrics(MeterRegistry registry) {
        completed = Counter.builder("ludus.sim.simulations").tag("outcome", "completed").tag("reason", "none")
                .description("Simulation requests handled").register(registry);
        for (SimulationFailureReason reason : SimulationFailureReason.values()) {
            failed.put(reason, Counter.builder("ludus.sim.simulations").tag("outcome", "failed").tag("reason", reason.name())
                    .description("Simulation requests handled").register(registry));
        }
        latency = Timer.builder("ludus.sim.latency").description("From the request's occurredAt to its result committed")
                .publishPercentiles(0.5, 0.99).register(registry);
        engine = Timer.builder("ludus.sim.engine").description("Engine time per battle, replay recording included")
                .register(registry);
        replayBytes = DistributionSummary.builder("ludus.sim.replay.size").baseUnit("bytes")
                .description("Compressed replay size").register(registry);
        abortedBatches = Counter.builder("ludus.sim.batches.aborted").description("Batches aborted and retried")
                .register(registry);
        Gauge.builder("ludus.sim.consumer.lag", lag, AtomicLong::get).description("Requests not yet consumed")
                .register(registry);
    }

    void committed(SimulationProcessor.Processed processed, long nowMillis) {
        if (processed.failure() == null) {
            completed.increment();
            engine.record(Duration.ofNanos(processed.engineNanos()));
            replayBytes.record(processed.replayBytes());
        } else {
            failed.get(processed.failure()).increment();
        }
        if (processed.requestedAt() != null) {
            latency.record(Duration.ofMillis(Math.max(0, nowMillis - processed.requestedAt().toEpochMilli())));
        }
    }

    void batchAborted() {
        abortedBatches.increment();
    }

    void lag(long value) {
        lag.set(value);
    }
}
