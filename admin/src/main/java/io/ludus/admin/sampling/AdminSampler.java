package io.ludus.admin.sampling;

import io.ludus.admin.AdminSettings;
import io.ludus.admin.pages.GroupsSource;
import io.ludus.matchmaker.service.QueueStatus;
import io.ludus.matchmaker.service.QueueStatusController;
import io.ludus.security.OperatorCredentials;
import io.micronaut.json.JsonMapper;
import io.micrometer.core.instrument.MeterRegistry;
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
 * per minute (the matchmaker's query API), simulations (the sim workers' meters, here or on their /prometheus), and each group's lag (the `ops groups` code).
 */
@Singleton
@Requires(beans = AdminSessions.class)
public final class AdminSampler {

    private static final Logger LOG = LoggerFactory.getLogger(AdminSampler.class);

    private final Samples samples;
    private final QueueSource queues;
    private final SimulationSource simulations;
    private final GroupsSource groups;
    private final java.util.Map<String, Formed> lastFormed = new java.util.HashMap<>();
    private double lastCompleted = Double.NaN;
    private double lastFailed = Double.NaN;
    private long lastSimAt;

    AdminSampler(AdminSettings settings, @Nullable QueueStatusController localQueues, @Nullable OperatorCredentials operator,
                 JsonMapper json, @Nullable MeterRegistry meters, GroupsSource groups) {
        this.samples = new Samples(settings.sampleInterval());
        this.queues = QueueSource.of(localQueues, settings, operator, json);
        this.simulations = SimulationSource.of(meters, settings, operator);
        this.groups = groups;
    }

    public Samples samples() {
        return samples;
    }

    /** Whether there are sim workers to read: in this process, or configured by URL for the admin service alone. */
    public boolean hasSimWorkers() {
        return simulations.present();
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
        SimulationSource.Totals totals = simulations.current().orElse(null);
        if (totals == null) {
            return;
        }
        totals.failedByReason().forEach((reason, count) -> samples.record("sim.failed." + reason, now, count));
        if (!Double.isNaN(lastCompleted) && now > lastSimAt && totals.completed() >= lastCompleted && totals.failed() >= lastFailed) {
            double minutes = (now - lastSimAt) / 60_000.0;
            samples.record("sim.completed.per-minute", now, (totals.completed() - lastCompleted) / minutes);
            samples.record("sim.failed.per-minute", now, (totals.failed() - lastFailed) / minutes);
        }
        lastCompleted = totals.completed();
        lastFailed = totals.failed();
        lastSimAt = now;
        if (totals.latencyP99Millis() != null) {
            samples.record("sim.latency.p99", now, totals.latencyP99Millis());
        }
    }
}
