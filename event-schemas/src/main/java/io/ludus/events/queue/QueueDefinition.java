package io.ludus.events.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * One matchmaking queue, as ingress accepts joins for it and the matchmaker matches them. Built by
 * {@link QueueDefinitions#parse}, which documents every key and default.
 *
 * @param id             queue name, the matchmaking-tickets key
 * @param teamSize       units a team must field
 * @param ranked         whether results change ratings
 * @param spread         the spread a join gets when the client names none
 * @param initialWindow  rating difference a ticket accepts when it has just opened
 * @param widenPerSecond rating points the window grows per second of waiting, up to the ticket's own spread
 * @param ticketTtl      a ticket open this long expires
 * @param botWait        a ticket waiting this long is matched against a generated bot team; empty: never
 * @param bandWidth      rating points per band when the matchmaker shards the queue by rating; 0: one band
 */
public record QueueDefinition(String id, int teamSize, boolean ranked, int spread, int initialWindow,
                              double widenPerSecond, Duration ticketTtl, Optional<Duration> botWait, int bandWidth) {

    public QueueDefinition {
        if (botWait.isPresent() && botWait.get().compareTo(ticketTtl) >= 0) {
            throw new IllegalArgumentException("bot wait " + botWait.get() + " must be shorter than ticket TTL " + ticketTtl);
        }
        if (bandWidth < 0) {
            throw new IllegalArgumentException("band width must be >= 0, was " + bandWidth);
        }
    }

    /** A queue in one band. */
    public QueueDefinition(String id, int teamSize, boolean ranked, int spread, int initialWindow,
                           double widenPerSecond, Duration ticketTtl, Optional<Duration> botWait) {
        this(id, teamSize, ranked, spread, initialWindow, widenPerSecond, ticketTtl, botWait, 0);
    }

    public boolean banded() {
        return bandWidth > 0;
    }

    /** The widest rating difference a ticket with {@code spread} accepts after waiting {@code waitedMillis}. */
    public double window(int spread, long waitedMillis) {
        double widened = initialWindow + widenPerSecond * Math.max(0, waitedMillis) / 1000.0;
        return Math.min(spread, widened);
    }
}
