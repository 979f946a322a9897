package io.ludus.loadtest.swarm;

import java.util.Arrays;

/** Percentiles of latency samples by the nearest-rank method (the value at rank ceil(p/100 * n) of the sorted samples). */
public record LatencyStats(int count, long p50Millis, long p95Millis, long p99Millis, long maxMillis) {

    static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0);

    public static LatencyStats of(long[] millis) {
        if (millis.length == 0) {
            return EMPTY;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new LatencyStats(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    static long rank(long[] sorted, double percentile) {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
