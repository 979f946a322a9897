package io.ludus.matchmaker.topology;

/** A ticket that left its queue by a match or expiry, fed back to the player stage so the player's count drops. */
record TicketClosure(String playerId, String queueId, String ticketId) {}
