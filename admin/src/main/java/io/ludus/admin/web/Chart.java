package io.ludus.admin.web;

import java.util.List;
import java.util.Locale;

/**
 * A time-series chart of samples over the last hour: a {@code figure} carrying its points as data, which the
 * vendored uPlot draws as an interactive chart (assets/charts.js), and inside it an inline SVG line that stays
 * when script is off.
 */
public final class Chart {

    public record Point(long atMillis, double value) {}

    private static final int WIDTH = 360;
    private static final int HEIGHT = 60;

    private Chart() {}

    /** One line of a chart: its legend and its samples. */
    public record Line(String name, List<Point> points) {}

    /** One line over {@code windowMillis} ending at {@code nowMillis}; the y axis runs from 0 to the largest value. */
    public static String render(String label, String unit, List<Point> points, long nowMillis, long windowMillis) {
        return render(label, unit, nowMillis, windowMillis, new Line(label, points));
    }

    /** Several lines on one chart (e.g. p50 and p95); the SVG fallback shows the first. */
    public static String render(String label, String unit, long nowMillis, long windowMillis, Line... lines) {
        StringBuilder data = new StringBuilder("[");
        for (Line line : lines) {
            data.append(data.length() > 1 ? "," : "").append("{\"name\":\"").append(jsonString(line.name())).append("\",\"points\":[");
            int start = data.length();
            for (Point p : line.points()) {
                data.append(data.length() > start ? "," : "")
                        .append(String.format(Locale.ROOT, "[%d,%s]", p.atMillis() / 1000, number(p.value())));
            }
            data.append("]}");
        }
        data.append(']');
        return "<figure class=\"chart\" data-label=\"" + Html.esc(label) + "\" data-unit=\"" + Html.esc(unit)
                + "\" data-from=\"" + (nowMillis - windowMillis) / 1000 + "\" data-to=\"" + nowMillis / 1000
                + "\" data-lines=\"" + Html.esc(data) + "\">" + svg(label, lines[0].points(), nowMillis, windowMillis) + "</figure>";
    }

    private static String jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "null";
    }

    static String svg(String label, List<Point> points, long nowMillis, long windowMillis) {
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
