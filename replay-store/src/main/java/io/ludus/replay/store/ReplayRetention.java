package io.ludus.replay.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deletes replays older than {@code maxAge}; scheduling is the caller's (see api.RetentionJob).
 * Each replay is reported to the listener before it is deleted, so a report is never lost:
 * at worst a replay is reported twice (listener consumers must be idempotent by match id).
 */
public final class ReplayRetention {

    private static final int BATCH = 500;

    private final ReplayStore store;
    private final Duration maxAge;
    private final Clock clock;
    private final ReplayDeletionListener listener;

    public ReplayRetention(ReplayStore store, Duration maxAge, Clock clock, ReplayDeletionListener listener) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
        this.store = store;
        this.maxAge = maxAge;
        this.clock = clock;
        this.listener = listener;
    }

    /** Deletes every replay past the age limit and returns how many went. */
    public int runOnce() {
        Instant cutoff = clock.instant().minus(maxAge);
        int deleted = 0;
        while (true) {
            List<ReplayRef> batch = store.listOlderThan(cutoff, BATCH);
            int deletedInBatch = 0;
            for (ReplayRef ref : batch) {
                // report first: if the listener fails, the replay stays and the next run reports it again
                listener.replayDeleted(ref);
                if (store.delete(ref.matchId())) {
                    deletedInBatch++;
                }
            }
            deleted += deletedInBatch;
            if (batch.size() < BATCH || deletedInBatch == 0) {
                return deleted;
            }
        }
    }
}
