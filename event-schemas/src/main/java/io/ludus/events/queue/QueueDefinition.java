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
 */
public record QueueDefinition(String id, int teamSize, boolean ranked, int spread, int initialWindow,
                              double widenPerSecond, Duration ticketTtl, Optional<Duration> botWait) {

    public QueueDefinition {
        if (botWait.isPresent() && botWait.get().compareTo(ticketTtl) >= 0) {
            throw new IllegalArgumentException("bot wait " + botWait.get() + " must be shorter than ticket TTL " + ticketTtl);
        }
    }

    /** The widest rating difference a ticket with {@code spread} accepts after waiting {@code waitedMillis}. */
    public double window(int spread, long waitedMillis) {
        double widened = initialWindow + widenPerSecond * Math.max(0, waitedMillis) / 1000.0;
        return Math.min(spread, widened);
    }
}
