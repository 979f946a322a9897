package io.ludus.matchmaker.topology;

import io.ludus.events.queue.QueueDefinition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.Arrays;
import java.util.Optional;

/**
 * Depth of one queue (or one band of it) after the latest pass, the waits of its most recently matched tickets
 * (oldest first), and how many matches it has formed since its store began (a counter: rates come from differences).
 */
public record QueueStats(String queueId, int depth, long[] recentWaitsMillis, long matchesFormed) {

    /**
     * The queue as one store holds it: its entry, or for a banded queue the sum of its bands' entries (depths added,
     * recent waits joined). Empty when no ticket of the queue passed through this store.
     */
    public static Optional<QueueStats> read(ReadOnlyKeyValueStore<String, QueueStats> store, QueueDefinition queue) {
        if (!queue.banded()) {
            return Optional.ofNullable(store.get(queue.id()));
        }
        QueueStats sum = null;
        try (KeyValueIterator<String, QueueStats> bands = store.prefixScan(QueueKeys.bandPrefix(queue.id()), Serdes.String().serializer())) {
            while (bands.hasNext()) {
                QueueStats band = bands.next().value;
                sum = sum == null ? band : sum.plus(band);
            }
        }
        return Optional.ofNullable(sum);
    }

    private QueueStats plus(QueueStats band) {
        long[] joined = Arrays.copyOf(recentWaitsMillis, recentWaitsMillis.length + band.recentWaitsMillis.length);
        System.arraycopy(band.recentWaitsMillis, 0, joined, recentWaitsMillis.length, band.recentWaitsMillis.length);
        return new QueueStats(queueId, depth + band.depth, joined, matchesFormed + band.matchesFormed);
    }

    static final int RECENT_WAITS = 128;

    static QueueStats empty(String queueId) {
        return new QueueStats(queueId, 0, new long[0], 0);
    }

    QueueStats with(int depth, long[] newWaits, int newMatches) {
        long[] joined = Arrays.copyOf(recentWaitsMillis, recentWaitsMillis.length + newWaits.length);
        System.arraycopy(newWaits, 0, joined, recentWaitsMillis.length, newWaits.length);
        if (joined.length > RECENT_WAITS) {
            joined = Arrays.copyOfRange(joined, joined.length - RECENT_WAITS, joined.length);
        }
        return new QueueStats(queueId, depth, joined, matchesFormed + newMatches);
    }

    /** Median of the recent waits; -1 when no ticket was matched yet. */
    public long p50WaitMillis() {
        return waitPercentileMillis(50);
    }

    /** 95th percentile of the recent waits; -1 when no ticket was matched yet. */
    public long p95WaitMillis() {
        return waitPercentileMillis(95);
    }

    /** Nearest-rank percentile of the recent waits. */
    private long waitPercentileMillis(int percent) {
        if (recentWaitsMillis.length == 0) {
            return -1;
        }
        long[] sorted = recentWaitsMillis.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueueStats s && s.queueId.equals(queueId) && s.depth == depth
                && s.matchesFormed == matchesFormed && Arrays.equals(s.recentWaitsMillis, recentWaitsMillis);
    }

    @Override
    public int hashCode() {
        return queueId.hashCode() * 31 + depth;
    }
}
