package io.ludus.admin.sampling;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's charts' memory: named series over the last hour. Names come from the catalogue (queue ids, group
 * ids, failure reasons), never from player input, and {@link #MAX_SERIES} bounds them anyway.
 */
public final class Samples {

    public static final Duration WINDOW = Duration.ofHours(1);
    static final int MAX_SERIES = 2_000;

    private final int perSeries;
    private final Map<String, Series> series = new ConcurrentHashMap<>();

    public Samples(Duration interval) {
        this.perSeries = (int) Math.max(2, WINDOW.toMillis() / Math.max(1, interval.toMillis()) + 1);
    }

    public void record(String name, long atMillis, double value) {
        Series s = series.get(name);
        if (s == null) {
            if (series.size() >= MAX_SERIES) {
                return;
            }
            s = series.computeIfAbsent(name, n -> new Series(WINDOW.toMillis(), perSeries));
        }
        s.add(atMillis, value);
    }

    public Series get(String name) {
        return series.getOrDefault(name, new Series(WINDOW.toMillis(), 1));
    }
}
