package io.ludus.matchmaker.topology;

import io.ludus.events.matchmaking.TicketCancelReason;

/**
 * What reaches the queue stage, keyed by queue (and band, see {@link QueueKeys}): a ticket to open or to cancel
 * from the player stage, or a ticket handed down from the band above.
 */
sealed interface QueueInput {

    String queueId();

    /** {@code ticket.openedAtMillis} is set by the queue stage when it stores the ticket. */
    record Open(StoredTicket ticket) implements QueueInput {
        @Override
        public String queueId() {
            return ticket.queueId();
        }
    }

    /**
     * {@code commandId}: the LeaveQueue command, or the account event of a ban. {@code homeBand}: the band the ticket
     * opened in; the cancel goes there, and on to the band below if the ticket moved.
     */
    record Cancel(String ticketId, String playerId, String queueId, String commandId, String correlationId,
                  TicketCancelReason reason, int homeBand) implements QueueInput {}

    /** A ticket moved to the band below, as it was (opened at, band now the new one); no second TicketOpened. */
    record HandOff(StoredTicket ticket) implements QueueInput {
        @Override
        public String queueId() {
            return ticket.queueId();
        }
    }
}
