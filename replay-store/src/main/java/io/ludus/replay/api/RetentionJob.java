package io.ludus.replay.api;

import io.ludus.replay.store.ReplayDeletionListener;
import io.ludus.replay.store.ReplayRetention;
import io.ludus.replay.store.ReplayStore;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.ludus.service.InvalidSettingException;
import io.micronaut.scheduling.annotation.Scheduled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * Runs {@link ReplayRetention} every {@code ludus.replay.retention.interval} when
 * {@code ludus.replay.retention.max-age} is set. Deletions go to every {@link ReplayDeletionListener}
 * bean (the wiring layer publishes ReplayDeleted on {@code replay-events}).
 */
@Context
@Requires(property = "ludus.replay.retention.max-age")
public class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final ReplayRetention retention;

    public RetentionJob(ReplayStore store, ReplayRetentionSettings config, List<ReplayDeletionListener> listeners) {
        if (config.maxAge().isNegative() || config.maxAge().isZero()) {
            throw new InvalidSettingException("ludus.replay.retention.max-age", "must be positive, got " + config.maxAge());
        }
        this.retention = new ReplayRetention(store, config.maxAge(), Clock.systemUTC(), deleted -> {
            LOG.info("retention deletes replay of match {} stored at {}", deleted.matchId(), deleted.storedAt());
            listeners.forEach(listener -> listener.replayDeleted(deleted));
        });
    }

    @Scheduled(fixedDelay = "${ludus.replay.retention.interval:1h}", initialDelay = "${ludus.replay.retention.interval:1h}")
    void run() {
        try {
            int deleted = retention.runOnce();
            if (deleted > 0) {
                LOG.info("retention deleted {} replays", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("retention run failed; the next run retries", e);
        }
    }
}
