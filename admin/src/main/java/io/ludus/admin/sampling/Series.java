package io.ludus.admin.sampling;

import io.ludus.admin.web.Chart;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** One metric's samples over the last {@code window}: a bounded ring, oldest dropped first. */
public final class Series {

    private final long windowMillis;
    private final int capacity;
    private final ArrayDeque<Chart.Point> points = new ArrayDeque<>();

    public Series(long windowMillis, int capacity) {
        this.windowMillis = windowMillis;
        this.capacity = capacity;
    }

    public synchronized void add(long atMillis, double value) {
        points.addLast(new Chart.Point(atMillis, value));
        while (points.size() > capacity || atMillis - points.peekFirst().atMillis() > windowMillis) {
            points.removeFirst();
        }
    }

    public synchronized List<Chart.Point> points() {
        return new ArrayList<>(points);
    }

    /**
     * How much a counter series rose over the last {@code spanMillis} before {@code nowMillis}: the latest value less
     * the latest one at least that old (or the oldest kept). Null with fewer than two samples or if the counter fell.
     */
    public synchronized Double increaseOver(long spanMillis, long nowMillis) {
        if (points.size() < 2) {
            return null;
        }
        Chart.Point base = points.peekFirst();
        for (Chart.Point p : points) {
            if (p.atMillis() > nowMillis - spanMillis) {
                break;
            }
            base = p;
        }
        double rise = points.peekLast().value() - base.value();
        return rise < 0 ? null : rise;
    }

    public synchronized Double last() {
        return points.isEmpty() ? null : points.peekLast().value();
    }
}
