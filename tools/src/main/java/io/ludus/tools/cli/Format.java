package io.ludus.tools.cli;

import java.util.List;

/** Short human renderings for table cells. */
public final class Format {

    private Format() {}

    /** 850ms, 12.4s, 5m03s, 2h10m, 3d04h; "-" for null. */
    public static String millis(Long ms) {
        if (ms == null) {
            return "-";
        }
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format("%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format("%dd%02dh", s / 86_400, (s % 86_400) / 3600);
    }

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }

    public static String list(List<String> items) {
        if (items == null) {
            return "-";
        }
        return items.isEmpty() ? "(none)" : String.join(",", items);
    }
}
