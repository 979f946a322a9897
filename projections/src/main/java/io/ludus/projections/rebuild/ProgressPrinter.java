package io.ludus.projections.rebuild;

import java.io.PrintStream;
import java.time.Duration;

/** Prints a rebuild's progress as a line every {@code every}: records done of total, rate, time left. */
public final class ProgressPrinter implements Rebuilder.ProgressListener {

    private final PrintStream out;
    private final long everyNanos;
    private long lastPrinted = Long.MIN_VALUE;
    private boolean swapAnnounced;

    public ProgressPrinter(PrintStream out, Duration every) {
        this.out = out;
        this.everyNanos = every.toNanos();
    }

    @Override
    public void onProgress(Rebuilder.Progress p) {
        if (p.swapping() && !swapAnnounced) {
            swapAnnounced = true;
            out.printf("rebuild %s: caught up; applying the last %,d records under the swap lock%n", p.projection(),
                    Math.max(0, p.total() - p.done()));
            return;
        }
        long now = System.nanoTime();
        if (lastPrinted != Long.MIN_VALUE && now - lastPrinted < everyNanos) {
            return;
        }
        lastPrinted = now;
        out.println(line(p));
    }

    static String line(Rebuilder.Progress p) {
        double seconds = Math.max(1e-3, p.elapsed().toNanos() / 1e9);
        double rate = p.done() / seconds;
        String left = rate <= 0 ? "unknown" : format(Duration.ofSeconds((long) Math.ceil((p.total() - p.done()) / rate)));
        return String.format("rebuild %s: %,d of %,d records (%.0f%%), %,.0f records/s, about %s left",
                p.projection(), p.done(), p.total(), p.fraction() * 100, rate, left);
    }

    private static String format(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 60 ? (s / 60) + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }
}
