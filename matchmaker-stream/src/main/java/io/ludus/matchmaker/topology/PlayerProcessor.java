package io.ludus.matchmaker.topology;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountUnbanned;
import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.LeaveQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.matchmaking.TicketCancelReason;
import io.ludus.events.queue.QueueDefinition;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.events.rejection.RejectionReason;
import io.ludus.matchmaker.matching.Bands;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules about one player, keyed by playerId: a known queue, a team of the queue's size, not banned, one ticket
 * per queue, at most {@code maxOpenTickets} open, a retried command is a no-op. Sends accepted opens and cancels on
 * to the queue stage (key: queueId) and refusals to the player (key: playerId, a {@code CommandRejectionEvent}).
 * <p>
 * Its count of open tickets learns of matches and expiries a moment after the queue stage decides them (they come
 * back through the output topics), so a join in that moment may be refused though a slot just freed: it errs on the
 * side of the cap, never over it.
 */
final class PlayerProcessor implements Processor<String, PlayerInput, String, Object> {

    private final QueueDefinitions queues;
    private final int maxOpenTickets;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, PlayerState> players;

    PlayerProcessor(QueueDefinitions queues, int maxOpenTickets) {
        this.queues = queues;
        this.maxOpenTickets = maxOpenTickets;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.players = context.getStateStore(MatchmakerTopology.PLAYERS_STORE);
    }

    @Override
    public void process(Record<String, PlayerInput> record) {
        String playerId = record.key();
        if (playerId == null || record.value() == null) {
            return;
        }
        PlayerState state = Optional.ofNullable(players.get(playerId)).orElseGet(PlayerState::new);
        long now = context.currentSystemTimeMs();
        switch (record.value()) {
            case PlayerInput.Command c -> command(playerId, state, c, now, record);
            case PlayerInput.Account a -> {
                switch (a.event().getPayload()) {
                    case AccountBanned ban -> ban(state, ban, a.event().getEventId().toString(), a.event().getCorrelationId(), record);
                    case AccountUnbanned ignored -> state.bannedUntilMillis = 0;
                    default -> {
                        return;
                    }
                }
            }
            case PlayerInput.Closed closed -> state.close(closed.closure().queueId(), closed.closure().ticketId());
        }
        players.put(playerId, state);
    }

    private void command(String playerId, PlayerState state, PlayerInput.Command input, long now, Record<String, PlayerInput> record) {
        PlayerCommand command = input.command();
        switch (command.getPayload()) {
            case JoinQueue join -> {
                if (state.remember(join.getCommandId())) {
                    join(playerId, state, join, input, now, record);
                }
            }
            case LeaveQueue leave -> {
                if (state.remember(leave.getCommandId())) {
                    leave(playerId, state, leave, command.getCorrelationId(), now, record);
                }
            }
            default -> {
                // other commands belong to other processors
            }
        }
    }

    private void join(String playerId, PlayerState state, JoinQueue join, PlayerInput.Command input, long now,
                      Record<String, PlayerInput> record) {
        String correlationId = input.command().getCorrelationId();
        Optional<QueueDefinition> queue = queues.find(join.getQueueId());
        if (queue.isEmpty()) {
            refuse(record, playerId, join.getCommandId(), correlationId, RejectionReason.UNKNOWN_QUEUE,
                    "There is no queue '" + join.getQueueId() + "'; the queues are " + queues.ids() + ".", now);
        } else if (state.bannedAt(now)) {
            refuse(record, playerId, join.getCommandId(), correlationId, RejectionReason.ACCOUNT_BANNED,
                    "Your account is banned from matchmaking.", now);
        } else if (join.getLoadout().getUnits().size() != queue.get().teamSize()) {
            refuse(record, playerId, join.getCommandId(), correlationId, RejectionReason.INVALID_LOADOUT,
                    "Queue " + join.getQueueId() + " needs a team of " + queue.get().teamSize() + " units, yours has "
                            + join.getLoadout().getUnits().size() + ".", now);
        } else if (state.openTicketByQueue.containsKey(join.getQueueId())) {
            refuse(record, playerId, join.getCommandId(), correlationId, RejectionReason.ALREADY_IN_QUEUE,
                    "You are already in queue " + join.getQueueId() + ".", now);
        } else if (state.openTicketByQueue.size() >= maxOpenTickets) {
            refuse(record, playerId, join.getCommandId(), correlationId, RejectionReason.TOO_MANY_TICKETS,
                    "You are already in " + maxOpenTickets + " queues (" + List.copyOf(state.openTicketByQueue.keySet())
                            + "); leave one first.", now);
        } else {
            int band = Bands.home(queue.get(), input.rating());
            state.openTicketByQueue.put(join.getQueueId(), join.getCommandId());
            if (queue.get().banded()) {
                state.homeBandByQueue.put(join.getQueueId(), band);
            }
            StoredTicket ticket = new StoredTicket(join.getCommandId(), playerId, join.getQueueId(), join.getCommandId(),
                    correlationId, input.rating(), input.deviation(), join.getSpread(), join.getLoadout(), band);
            context.forward(record.withKey(QueueKeys.key(queue.get(), band)).withValue(new QueueInput.Open(ticket)));
        }
    }

    private void leave(String playerId, PlayerState state, LeaveQueue leave, String correlationId, long now,
                       Record<String, PlayerInput> record) {
        String ticketId = state.openTicketByQueue.get(leave.getQueueId());
        if (ticketId == null) {
            refuse(record, playerId, leave.getCommandId(), correlationId, RejectionReason.NOT_IN_QUEUE,
                    "You are not in queue " + leave.getQueueId() + ".", now);
            return;
        }
        cancel(record, state, playerId, leave.getQueueId(), ticketId, leave.getCommandId(), correlationId, TicketCancelReason.PLAYER_LEFT);
        state.close(leave.getQueueId(), ticketId);
    }

    private void ban(PlayerState state, AccountBanned ban, String eventId, String correlationId, Record<String, PlayerInput> record) {
        state.bannedUntilMillis = ban.getUntil() == null ? Long.MAX_VALUE : ban.getUntil().toEpochMilli();
        for (Map.Entry<String, String> open : state.openTicketByQueue.entrySet()) {
            cancel(record, state, ban.getPlayerId(), open.getKey(), open.getValue(), eventId, correlationId, TicketCancelReason.ACCOUNT_BANNED);
        }
        state.openTicketByQueue.clear();
        state.homeBandByQueue.clear();
    }

    /** To the ticket's home band; the queue stage passes it on to the band below if the ticket moved there. */
    private void cancel(Record<String, PlayerInput> record, PlayerState state, String playerId, String queueId, String ticketId,
                        String commandId, String correlationId, TicketCancelReason reason) {
        // keyed as the join was, whatever the queue's band width is now
        Integer homeBand = state.homeBandByQueue.get(queueId);
        String key = homeBand == null ? queueId : QueueKeys.bandKey(queueId, homeBand);
        context.forward(record.withKey(key).withValue(new QueueInput.Cancel(ticketId, playerId, queueId, commandId,
                correlationId, reason, homeBand == null ? 0 : homeBand)));
    }

    private void refuse(Record<String, PlayerInput> record, String playerId, String commandId, String correlationId,
                        RejectionReason reason, String message, long now) {
        context.forward(record.withKey(playerId).withValue(
                MatchmakerEvents.refused(playerId, commandId, correlationId, reason, message, now)));
    }
}
