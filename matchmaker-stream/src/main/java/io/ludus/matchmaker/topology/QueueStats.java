package io.ludus.matchmaker.topology;

import io.ludus.events.queue.QueueDefinition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.Arrays;
import java.util.Optional;

/**
 * Depth of one queue (or one band of it) after the latest pass and the waits of its most recently matched tickets
 * (oldest first).
 */
public record QueueStats(String queueId, int depth, long[] recentWaitsMillis) {

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
        return new QueueStats(queueId, depth + band.depth, joined);
    }

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
