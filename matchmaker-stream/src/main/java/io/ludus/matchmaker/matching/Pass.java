package io.ludus.matchmaker.matching;

import java.util.List;

/**
 * What one matching pass decided, at {@code atMillis}: tickets paired with each other, tickets paired with a
 * generated bot team, and tickets that outlived the queue's TTL. Every ticket named here has left the matcher.
 */
public record Pass(long atMillis, List<Pairing> pairings, List<Ticket> botMatches, List<Ticket> expired) {

    public boolean isEmpty() {
        return pairings.isEmpty() && botMatches.isEmpty() && expired.isEmpty();
    }
}
