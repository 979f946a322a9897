package io.ludus.projections.readmodel.ratings;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A ranked season: rating changes that occur in [start, end) also count on the season's boards. */
public record Season(String id, Instant start, Instant end) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public Season {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("season id '" + id + "' must be lowercase letters, digits or '-', at most 32");
        }
        if (start == null || end == null || !start.isBefore(end)) {
            throw new IllegalArgumentException("season " + id + ": start must be before end");
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** Parses {@code ID=START/END} (ISO-8601 instants) per entry; {@code key} names the setting in errors. */
    public static List<Season> parseAll(List<String> specs, String key) {
        List<Season> seasons = new ArrayList<>();
        for (String spec : specs) {
            String[] idAndSpan = spec.split("=", 2);
            String[] span = idAndSpan.length == 2 ? idAndSpan[1].split("/", 2) : new String[0];
            if (span.length != 2) {
                throw new IllegalArgumentException(key + ": '" + spec + "' is not ID=START/END, e.g. s1=2026-09-01T00:00:00Z/2026-12-01T00:00:00Z");
            }
            try {
                seasons.add(new Season(idAndSpan[0].trim(), Instant.parse(span[0].trim()), Instant.parse(span[1].trim())));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(key + ": '" + spec + "' has a time that is not an ISO-8601 instant", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        }
        if (seasons.stream().map(Season::id).distinct().count() != seasons.size()) {
            throw new IllegalArgumentException(key + ": season ids must be unique");
        }
        return List.copyOf(seasons);
    }
}
