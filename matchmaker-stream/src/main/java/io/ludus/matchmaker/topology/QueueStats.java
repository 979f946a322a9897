package io.ludus.matchmaker.topology;

import java.util.Arrays;

/** Depth of one queue after the latest pass and the waits of its most recently matched tickets (oldest first). */
public record QueueStats(String queueId, int depth, long[] recentWaitsMillis) {

    static final int RECENT_WAITS = 128;

    static QueueStats empty(String queueId) {
        return new QueueStats(queueId, 0, new long[0]);
    }

    QueueStats with(int depth, long[] newWaits) {
        long[] joined = Arrays.copyOf(recentWaitsMillis, recentWaitsMillis.length + newWaits.length);
        System.arraycopy(newWaits, 0, joined, recentWaitsMillis.length, newWaits.length);
        if (joined.length > RECENT_WAITS) {
            joined = Arrays.copyOfRange(joined, joined.length - RECENT_WAITS, joined.length);
        }
        return new QueueStats(queueId, depth, joined);
    }

    /** Median of the recent waits; -1 when no ticket was matched yet. */
    public long p50WaitMillis() {
        if (recentWaitsMillis.length == 0) {
            return -1;
        }
        long[] sorted = recentWaitsMillis.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueStats s && s.queueId.equals(queueId) && s.depth == depth
                && Arrays.equals(s.recentWaitsMillis, recentWaitsMillis);
    }

    @Override
    public int hashCode() {
        return queueId.hashCode() * 31 + depth;
    }
}
