package io.ludus.matchmaker.topology;

import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.matchmaking.MatchmakingTicketEvent;
import io.ludus.events.matchmaking.TicketCancelled;
import io.ludus.events.matchmaking.TicketExpired;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.rejection.CommandRefused;
import io.ludus.events.rejection.CommandRejectionEvent;
import io.ludus.events.rejection.RejectionReason;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.matchmaker.matching.MatchIds;

import java.time.Instant;

/**
 * The events the matchmaker writes. Event ids are derived from what the event is about, so the same decision
 * replayed after a crash carries the same id and consumers can deduplicate by it.
 */
final class MatchmakerEvents {

    private MatchmakerEvents() {}

    static MatchmakingTicketEvent opened(StoredTicket t, long at) {
        return tickets("opened|" + t.key(), at, t.correlationId(), TicketOpened.newBuilder()
                .setTicketId(t.ticketId())
                .setPlayerId(t.playerId())
                .setQueueId(t.queueId())
                .setLoadout(t.loadout())
                .setRating(t.rating())
                .setDeviation(t.deviation())
                .setSpread(t.spread())
                .setCommandId(t.commandId())
                .build());
    }

    static MatchmakingTicketEvent cancelled(StoredTicket t, QueueInput.Cancel cancel, long at) {
        return tickets("cancelled|" + t.key(), at, cancel.correlationId(), TicketCancelled.newBuilder()
                .setTicketId(t.ticketId())
                .setPlayerId(t.playerId())
                .setQueueId(t.queueId())
                .setCommandId(cancel.commandId())
                .setReason(cancel.reason())
                .build());
    }

    static MatchmakingTicketEvent expired(StoredTicket t, long at) {
        return tickets("expired|" + t.key(), at, t.correlationId(), TicketExpired.newBuilder()
                .setTicketId(t.ticketId())
                .setPlayerId(t.playerId())
                .setQueueId(t.queueId())
                .setOpenedAt(Instant.ofEpochMilli(t.openedAtMillis()))
                .build());
    }

    static MatchEvent formed(MatchFormed formed, long at) {
        return MatchEvent.newBuilder()
                .setEventId(MatchIds.uuid("formed|" + formed.getMatchId()))
                .setOccurredAt(Instant.ofEpochMilli(at))
                .setCorrelationId(formed.getMatchId())
                .setPayload(formed)
                .build();
    }

    static SimulationRequestEvent simulation(SimulationRequested request, long at) {
        return SimulationRequestEvent.newBuilder()
                .setEventId(MatchIds.uuid("simulation|" + request.getMatchId()))
                .setOccurredAt(Instant.ofEpochMilli(at))
                .setCorrelationId(request.getMatchId())
                .setPayload(request)
                .build();
    }

    static CommandRejectionEvent refused(String playerId, String commandId, String correlationId, RejectionReason reason,
                                         String message, long at) {
        return CommandRejectionEvent.newBuilder()
                .setEventId(MatchIds.uuid("refused|" + playerId.length() + ":" + playerId + "/" + commandId))
                .setOccurredAt(Instant.ofEpochMilli(at))
                .setCorrelationId(correlationId)
                .setPayload(CommandRefused.newBuilder()
                        .setPlayerId(playerId)
                        .setCommandId(commandId)
                        .setReason(reason)
                        .setMessage(message)
                        .build())
                .build();
    }

    private static MatchmakingTicketEvent tickets(String name, long at, String correlationId, Object payload) {
        return MatchmakingTicketEvent.newBuilder()
                .setEventId(MatchIds.uuid(name))
                .setOccurredAt(Instant.ofEpochMilli(at))
                .setCorrelationId(correlationId)
                .setPayload(payload)
                .build();
    }
}
