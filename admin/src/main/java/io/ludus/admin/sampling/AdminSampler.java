package io.ludus.admin.sampling;

import io.ludus.admin.AdminSettings;
import io.ludus.admin.pages.GroupsSource;
import io.ludus.matchmaker.service.QueueStatus;
import io.ludus.matchmaker.service.QueueStatusController;
import io.ludus.security.OperatorCredentials;
import io.micronaut.json.JsonMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.ludus.admin.session.AdminSessions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Samples what the charts show over the last hour, in the background: queue depth, p50/p95 wait and matches formed
 * per minute (the matchmaker's query API), simulations (the sim workers' meters in this process), and each group's lag (the `ops groups` code).
 */
@Singleton
@Requires(beans = AdminSessions.class)
public final class AdminSampler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSampler.class);

    private final Samples samples;
    private final QueueSource queues;
    private final MeterRegistry meters;
    private final GroupsSource groups;
    private final java.util.Map<String, Formed> lastFormed = new java.util.HashMap<>();
    private double lastCompleted = Double.NaN;
    private double lastFailed = Double.NaN;
    private long lastSimAt;

    AdminSampler(AdminSettings settings, @Nullable QueueStatusController localQueues, @Nullable OperatorCredentials operator,
                 JsonMapper json, @Nullable MeterRegistry meters, GroupsSource groups) {
        this.samples = new Samples(settings.sampleInterval());
        this.queues = QueueSource.of(localQueues, settings, operator, json);
        this.meters = meters;
        this.groups = groups;
    }

    public Samples samples() {
        return samples;
    }

    /** Whether sim workers run in this process (their meters are here); the admin service alone has none. */
    public boolean hasSimWorkers() {
        return meters != null && meters.find("ludus.sim.simulations").counter() != null;
    }

    public boolean hasMatchmaker() {
        return !(queues instanceof QueueSource.None);
    }

    @Scheduled(fixedDelay = "${" + AdminSettings.SAMPLE_INTERVAL + ":5s}", initialDelay = "1s")
    void sample() {
        long now = System.currentTimeMillis();
        try {
            sampleQueues(now);
            sampleSimulations(now);
        } catch (RuntimeException e) {
            LOG.warn("admin sampling failed: {}", e.toString());
        }
    }

    // the group view costs a describe and offset reads per group: every 30 s is plenty for a one-hour chart
    @Scheduled(fixedDelay = "30s", initialDelay = "5s")
    void sampleGroups() {
        try {
            long now = System.currentTimeMillis();
            groups.current().forEach(g -> samples.record("group.lag." + g.group(), now, g.lag()));
        } catch (RuntimeException e) {
            LOG.warn("admin group sampling failed: {}", e.toString());
        }
    }

    private void sampleQueues(long now) {
        for (QueueStatus q : currentQueues()) {
            samples.record("queue.depth." + q.queueId(), now, q.depth());
            if (q.waitP50Millis() >= 0) {
                samples.record("queue.wait50." + q.queueId(), now, q.waitP50Millis() / 1000.0);
            }
            if (q.waitP95Millis() >= 0) {
                samples.record("queue.wait95." + q.queueId(), now, q.waitP95Millis() / 1000.0);
            }
            Formed before = lastFormed.put(q.queueId(), new Formed(now, q.matchesFormed()));
            Double perMinute = before == null ? null : before.perMinuteUntil(now, q.matchesFormed());
            if (perMinute != null) {
                samples.record("queue.matches." + q.queueId(), now, perMinute);
            }
        }
    }

    /** The matches-formed counter at one sample; a counter that went down (state rebuilt from nothing) gives no rate. */
    record Formed(long atMillis, long count) {
        Double perMinuteUntil(long nowMillis, long countNow) {
            if (nowMillis <= atMillis || countNow < count) {
                return null;
            }
            return (countNow - count) * 60_000.0 / (nowMillis - atMillis);
        }
    }

    /** The matchmaker's answer for every queue; none while it cannot answer for all of them (rebalancing). */
    public java.util.List<QueueStatus> currentQueues() {
        return queues.current().orElse(java.util.List.of());
    }

    private void sampleSimulations(long now) {
        if (meters == null) {
            return;
        }
        double completed = 0;
        double failed = 0;
        for (Counter c : meters.find("ludus.sim.simulations").counters()) {
            if ("completed".equals(c.getId().getTag("outcome"))) {
                completed += c.count();
            } else {
                failed += c.count();
                samples.record("sim.failed." + c.getId().getTag("reason"), now, c.count());
            }
        }
        if (!Double.isNaN(lastCompleted) && now > lastSimAt) {
            double minutes = (now - lastSimAt) / 60_000.0;
            samples.record("sim.completed.per-minute", now, (completed - lastCompleted) / minutes);
            samples.record("sim.failed.per-minute", now, (failed - lastFailed) / minutes);
        }
        lastCompleted = completed;
        lastFailed = failed;
        lastSimAt = now;
        Timer latency = meters.find("ludus.sim.latency").timer();
        if (latency != null) {
            for (ValueAtPercentile v : latency.takeSnapshot().percentileValues()) {
                if (v.percentile() == 0.99) {
                    samples.record("sim.latency.p99", now, v.value(java.util.concurrent.TimeUnit.MILLISECONDS));
                }
            }
        }
    }
}
