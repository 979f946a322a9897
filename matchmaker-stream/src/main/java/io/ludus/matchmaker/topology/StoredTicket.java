package io.ludus.matchmaker.topology;

import io.ludus.events.common.TeamLoadout;
import io.ludus.matchmaker.matching.Ticket;

/**
 * An open ticket as the queue store keeps it: the matcher's view plus what the match events need. {@code band} is
 * the rating band the ticket is in now (0 in an unbanded queue); see {@link QueueKeys}.
 */
record StoredTicket(String ticketId, String playerId, String queueId, String commandId, String correlationId,
                    double rating, double deviation, int spread, long openedAtMillis, StoredLoadout storedLoadout,
                    int band) {

    StoredTicket(String ticketId, String playerId, String queueId, String commandId, String correlationId,
                 double rating, double deviation, int spread, TeamLoadout loadout, int band) {
        this(ticketId, playerId, queueId, commandId, correlationId, rating, deviation, spread, 0, StoredLoadout.of(loadout), band);
    }

    TeamLoadout loadout() {
        return storedLoadout.get();
    }

    Ticket ticket() {
        return new Ticket(ticketId, playerId, rating, deviation, spread, openedAtMillis);
    }

    String key() {
        return Ticket.key(playerId, ticketId);
    }

    StoredTicket openedAt(long millis) {
        return new StoredTicket(ticketId, playerId, queueId, commandId, correlationId, rating, deviation, spread, millis, storedLoadout, band);
    }

    StoredTicket inBand(int newBand) {
        return new StoredTicket(ticketId, playerId, queueId, commandId, correlationId, rating, deviation, spread, openedAtMillis, storedLoadout, newBand);
    }
}
