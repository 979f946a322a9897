package io.ludus.admin.web;

import java.util.List;
import java.util.Locale;

/** A small inline SVG line chart of samples over time (no script, no library: the page's CSP allows neither). */
public final class Sparkline {

    public record Point(long atMillis, double value) {}

    private static final int WIDTH = 360;
    private static final int HEIGHT = 60;

    private Sparkline() {}

    /** {@code windowMillis} of history ending at {@code nowMillis}; the y axis runs from 0 to the largest value. */
    public static String svg(String label, List<Point> points, long nowMillis, long windowMillis) {
        double max = points.stream().mapToDouble(Point::value).max().orElse(0);
        double top = max <= 0 ? 1 : max;
        StringBuilder path = new StringBuilder();
        for (Point p : points) {
            double x = WIDTH - (double) (nowMillis - p.atMillis()) / windowMillis * WIDTH;
            double y = HEIGHT - 4 - p.value() / top * (HEIGHT - 8);
            path.append(path.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", Math.max(0, x), y));
        }
        return "<svg role=\"img\" aria-label=\"" + Html.esc(label) + "\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
                + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\"><title>" + Html.esc(label) + " (max "
                + Html.esc(String.format(Locale.ROOT, "%.0f", max)) + ")</title><polyline fill=\"none\" stroke=\"#3056d3\" stroke-width=\"1.5\" points=\""
                + path + "\"/></svg>";
    }
}
