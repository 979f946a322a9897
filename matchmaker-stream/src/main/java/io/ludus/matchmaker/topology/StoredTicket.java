package io.ludus.matchmaker.topology;

import io.ludus.events.common.TeamLoadout;
import io.ludus.matchmaker.matching.Ticket;

/** An open ticket as the queue store keeps it: the matcher's view plus what the match events need. */
record StoredTicket(String ticketId, String playerId, String queueId, String commandId, String correlationId,
                    double rating, double deviation, int spread, long openedAtMillis, StoredLoadout storedLoadout) {

    StoredTicket(String ticketId, String playerId, String queueId, String commandId, String correlationId,
                 double rating, double deviation, int spread, long openedAtMillis, TeamLoadout loadout) {
        this(ticketId, playerId, queueId, commandId, correlationId, rating, deviation, spread, openedAtMillis, StoredLoadout.of(loadout));
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
        return new StoredTicket(ticketId, playerId, queueId, commandId, correlationId, rating, deviation, spread, millis, storedLoadout);
    }
}
