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

    public synchronized Double last() {
        return points.isEmpty() ? null : points.peekLast().value();
    }
}
