package io.ludus.matchmaker.topology;

import io.ludus.events.matchmaking.TicketCancelReason;

/** What the player stage sends the queue stage, keyed by queue: open a ticket, or cancel one. */
sealed interface QueueInput {

    String queueId();

    /** {@code ticket.openedAtMillis} is set by the queue stage when it stores the ticket. */
    record Open(StoredTicket ticket) implements QueueInput {
        @Override
        public String queueId() {
            return ticket.queueId();
        }
    }

    /** {@code commandId}: the LeaveQueue command, or the account event of a ban. */
    record Cancel(String ticketId, String playerId, String queueId, String commandId, String correlationId,
                  TicketCancelReason reason) implements QueueInput {}
}
