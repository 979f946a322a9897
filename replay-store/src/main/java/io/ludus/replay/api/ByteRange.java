package io.ludus.replay.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A single-range {@code Range: bytes=...} header. Multiple ranges are not served. */
final class ByteRange {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    private ByteRange() {}

    /** {first, last} inclusive offsets within {@code size}, or null when the range cannot be satisfied. */
    static long[] parse(String header, long size) {
        Matcher m = SINGLE.matcher(header.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            return suffix == 0 || size == 0 ? null : new long[] {Math.max(0, size - suffix), size - 1};
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        return first >= size || first > last ? null : new long[] {first, last};
    }
}
