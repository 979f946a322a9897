package io.ludus.tools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern NUMBERED = Pattern.compile("(.*[-_])(\\d+)");

    /**
     * Partitions or tasks, compacted for a table cell: player-commands-0..player-commands-11 reads
     * "player-commands-[0-11]", Streams tasks 0_0..0_5 read "0_[0-5]". JSON output keeps the full lists.
     */
    public static String list(List<String> items) {
        if (items == null) {
            return "-";
        }
        if (items.isEmpty()) {
            return "(none)";
        }
        Map<String, TreeSet<Integer>> numbered = new TreeMap<>();
        List<String> other = new ArrayList<>();
        for (String item : items) {
            Matcher m = NUMBERED.matcher(item);
            if (m.matches()) {
                numbered.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(Integer.parseInt(m.group(2)));
            } else {
                other.add(item);
            }
        }
        List<String> parts = new ArrayList<>();
        numbered.forEach((prefix, numbers) -> parts.add(prefix + ranges(numbers)));
        parts.addAll(other);
        return String.join(",", parts);
    }

    private static String ranges(TreeSet<Integer> numbers) {
        if (numbers.size() == 1) {
            return numbers.first().toString();
        }
        List<String> ranges = new ArrayList<>();
        Integer start = null;
        Integer previous = null;
        for (int n : numbers) {
            if (start == null) {
                start = n;
            } else if (n != previous + 1) {
                ranges.add(start.equals(previous) ? start.toString() : start + "-" + previous);
                start = n;
            }
            previous = n;
        }
        ranges.add(start.equals(previous) ? start.toString() : start + "-" + previous);
        return "[" + String.join(",", ranges) + "]";
    }
}
