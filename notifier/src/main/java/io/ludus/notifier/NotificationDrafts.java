package io.ludus.notifier;

import io.ludus.events.common.Outcome;
import io.ludus.events.common.PlayerResult;
import io.ludus.events.common.ReplayReference;
import io.ludus.events.match.MatchAborted;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.match.MatchSide;
import io.ludus.events.matchmaking.MatchmakingTicketEvent;
import io.ludus.events.matchmaking.TicketCancelled;
import io.ludus.events.matchmaking.TicketExpired;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.notification.CommandErrorCode;
import io.ludus.events.notification.CommandRejected;
import io.ludus.events.notification.FriendRequestReceived;
import io.ludus.events.notification.FriendshipChanged;
import io.ludus.events.notification.FriendshipStatus;
import io.ludus.events.notification.MatchCancelled;
import io.ludus.events.notification.MatchFound;
import io.ludus.events.notification.MatchResultReady;
import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.notification.QueueJoined;
import io.ludus.events.notification.QueueLeaveReason;
import io.ludus.events.notification.QueueLeft;
import io.ludus.events.notification.RatingChanged;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.rejection.CommandRefused;
import io.ludus.events.rejection.CommandRejectionEvent;
import io.ludus.events.social.FriendRemoved;
import io.ludus.events.social.FriendRequestAccepted;
import io.ludus.events.social.FriendRequestCancelled;
import io.ludus.events.social.FriendRequestDeclined;
import io.ludus.events.social.FriendRequestSent;
import io.ludus.events.social.PlayerBlocked;
import io.ludus.events.social.PlayerUnblocked;
import io.ludus.events.social.SocialEvent;
import org.apache.kafka.streams.KeyValue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What each domain event tells which player: drafts keyed by playerId, with sequence 0 until the
 * {@link Sequencer} numbers them. A draft's eventId is derived from the source event and its
 * recipient, so reprocessing a source event yields the same notification id.
 */
final class NotificationDrafts {

    /**
     * A rating change without a match (initial or administrative) is not told to the player, but the
     * sequencer must still learn the new rating so that the next match's delta is right. This matchId
     * marks such a draft on the internal repartition topic; it never reaches player-notifications.
     */
    static final String RATING_ONLY = "";

    private NotificationDrafts() {}

    static List<KeyValue<String, PlayerNotification>> fromTicket(MatchmakingTicketEvent event) {
        Object payload = event.getPayload();
        return switch (payload) {
            case TicketOpened opened -> List.of(draft(event.getEventId(), event.getOccurredAt(), event.getCorrelationId(),
                    opened.getPlayerId(), QueueJoined.newBuilder()
                            .setCommandId(opened.getCommandId())
                            .setQueueId(opened.getQueueId())
                            .setTicketId(opened.getTicketId())
                            .build()));
            case TicketCancelled cancelled -> List.of(draft(event.getEventId(), event.getOccurredAt(), event.getCorrelationId(),
                    cancelled.getPlayerId(), queueLeft(cancelled.getQueueId(), cancelled.getTicketId(),
                            switch (cancelled.getReason()) {
                                case PLAYER_LEFT -> QueueLeaveReason.PLAYER_LEFT;
                                case ACCOUNT_BANNED -> QueueLeaveReason.ACCOUNT_BANNED;
                                case OTHER -> QueueLeaveReason.OTHER;
                            })));
            case TicketExpired expired -> List.of(draft(event.getEventId(), event.getOccurredAt(), event.getCorrelationId(),
                    expired.getPlayerId(), queueLeft(expired.getQueueId(), expired.getTicketId(), QueueLeaveReason.EXPIRED)));
            default -> throw new IllegalArgumentException("unknown ticket event " + payload.getClass().getName());
        };
    }

    static List<KeyValue<String, PlayerNotification>> fromMatch(MatchEvent event) {
        Object payload = event.getPayload();
        List<KeyValue<String, PlayerNotification>> drafts = new ArrayList<>(2);
        switch (payload) {
            case MatchFormed formed -> {
                for (MatchSide[] pair : new MatchSide[][]{{formed.getTeamA(), formed.getTeamB()}, {formed.getTeamB(), formed.getTeamA()}}) {
                    MatchSide self = pair[0];
                    MatchSide opponent = pair[1];
                    if (!self.getBot()) {
                        drafts.add(draft(event.getEventId(), event.getOccurredAt(), event.getCorrelationId(), self.getPlayerId(),
                                MatchFound.newBuilder()
                                        .setMatchId(formed.getMatchId())
                                        .setQueueId(formed.getQueueId())
                                        .setOpponentId(opponent.getPlayerId())
                                        .setAgainstBot(opponent.getBot())
                                        .setTicketId(self.getTicketId())
                                        .build()));
                    }
                }
            }
            case MatchCompleted completed -> {
                boolean botA = completed.getSideA() != null && completed.getSideA().getBot();
                boolean botB = completed.getSideB() != null && completed.getSideB().getBot();
                if (!botA) {
                    drafts.add(result(event, completed, completed.getTeamAPlayerId(), true));
                }
                if (!botB) {
                    drafts.add(result(event, completed, completed.getTeamBPlayerId(), false));
                }
            }
            case MatchAborted aborted -> {
                for (String player : List.of(aborted.getTeamAPlayerId(), aborted.getTeamBPlayerId())) {
                    drafts.add(draft(event.getEventId(), event.getOccurredAt(), event.getCorrelationId(), player,
                            MatchCancelled.newBuilder().setMatchId(aborted.getMatchId()).setMessage(aborted.getMessage()).build()));
                }
            }
            default -> throw new IllegalArgumentException("unknown match event " + payload.getClass().getName());
        }
        return drafts;
    }

    private static KeyValue<String, PlayerNotification> result(MatchEvent event, MatchCompleted completed, String player, boolean sideA) {
        PlayerResult result = switch (completed.getOutcome()) {
            case TEAM_A_WINS -> sideA ? PlayerResult.WIN : PlayerResult.LOSS;
            case TEAM_B_WINS -> sideA ? PlayerResult.LOSS : PlayerResult.WIN;
            case DRAW -> PlayerResult.DRAW;
        };
        return draft(event.getEventId(), event.getOccurredAt(), event.getCorrelationId(), player,
                MatchResultReady.newBuilder()
                        .setMatchId(completed.getMatchId())
                        .setPlayerResult(result)
                        .setTicks(completed.getTicks())
                        .setReplay(forClients(completed.getMatchId(), completed.getReplay()))
                        .build());
    }

    /**
     * The reference as a player may see it: a stored {@code file:} or {@code s3:} location names the server's disk
     * or bucket and is no use to a client, so it becomes the replay API's path, relative to the server the client
     * talks to. An {@code https:} location (a CDN) is kept.
     */
    static ReplayReference forClients(String matchId, ReplayReference stored) {
        String uri = stored.getUri();
        if (uri != null && (uri.startsWith("https:") || uri.startsWith("http:"))) {
            return stored;
        }
        return ReplayReference.newBuilder(stored)
                .setUri("/v1/replays/" + java.net.URLEncoder.encode(matchId, java.nio.charset.StandardCharsets.UTF_8))
                .build();
    }

    static List<KeyValue<String, PlayerNotification>> fromSocial(SocialEvent event) {
        Object payload = event.getPayload();
        UUID id = event.getEventId();
        Instant at = event.getOccurredAt();
        String correlation = event.getCorrelationId();
        return switch (payload) {
            case FriendRequestSent sent -> List.of(
                    draft(id, at, correlation, sent.getRecipientId(),
                            FriendRequestReceived.newBuilder().setRequesterId(sent.getRequesterId()).build()),
                    draft(id, at, correlation, sent.getRequesterId(), changed(sent.getRecipientId(), FriendshipStatus.REQUEST_SENT)));
            case FriendRequestAccepted accepted -> List.of(
                    draft(id, at, correlation, accepted.getRequesterId(), changed(accepted.getRecipientId(), FriendshipStatus.FRIENDS)),
                    draft(id, at, correlation, accepted.getRecipientId(), changed(accepted.getRequesterId(), FriendshipStatus.FRIENDS)));
            case FriendRequestDeclined declined -> List.of(
                    draft(id, at, correlation, declined.getRequesterId(), changed(declined.getRecipientId(), FriendshipStatus.NONE)),
                    draft(id, at, correlation, declined.getRecipientId(), changed(declined.getRequesterId(), FriendshipStatus.NONE)));
            case FriendRequestCancelled cancelled -> List.of(
                    draft(id, at, correlation, cancelled.getRecipientId(), changed(cancelled.getRequesterId(), FriendshipStatus.NONE)),
                    draft(id, at, correlation, cancelled.getRequesterId(), changed(cancelled.getRecipientId(), FriendshipStatus.NONE)));
            case FriendRemoved removed -> List.of(
                    draft(id, at, correlation, removed.getPlayerId(), changed(removed.getFriendId(), FriendshipStatus.NONE)),
                    draft(id, at, correlation, removed.getFriendId(), changed(removed.getPlayerId(), FriendshipStatus.NONE)));
            // The blocked player learns only that any friendship or request is gone, not that they are blocked.
            case PlayerBlocked blocked -> List.of(
                    draft(id, at, correlation, blocked.getBlockerId(), changed(blocked.getBlockedId(), FriendshipStatus.BLOCKED)),
                    draft(id, at, correlation, blocked.getBlockedId(), changed(blocked.getBlockerId(), FriendshipStatus.NONE)));
            case PlayerUnblocked unblocked -> List.of(
                    draft(id, at, correlation, unblocked.getBlockerId(), changed(unblocked.getBlockedId(), FriendshipStatus.NONE)));
            default -> throw new IllegalArgumentException("unknown social event " + payload.getClass().getName());
        };
    }

    /** Every rating change reaches the sequencer; only those with a match become notifications. */
    static List<KeyValue<String, PlayerNotification>> fromRating(PlayerRatingEvent event) {
        if (!(event.getPayload() instanceof PlayerRatingChanged changed)) {
            throw new IllegalArgumentException("unknown rating event " + event.getPayload().getClass().getName());
        }
        return List.of(draft(event.getEventId(), event.getOccurredAt(), event.getCorrelationId(), changed.getPlayerId(),
                RatingChanged.newBuilder()
                        .setMatchId(changed.getMatchId() == null ? RATING_ONLY : changed.getMatchId())
                        .setRating(changed.getRating())
                        .setDeviation(changed.getDeviation())
                        .setDelta(0.0)
                        .build()));
    }

    static List<KeyValue<String, PlayerNotification>> fromRejection(CommandRejectionEvent event) {
        if (!(event.getPayload() instanceof CommandRefused refused)) {
            throw new IllegalArgumentException("unknown rejection event " + event.getPayload().getClass().getName());
        }
        return List.of(draft(event.getEventId(), event.getOccurredAt(), event.getCorrelationId(), refused.getPlayerId(),
                CommandRejected.newBuilder()
                        .setCommandId(refused.getCommandId())
                        .setCode(errorCode(refused.getReason().name()))
                        .setMessage(refused.getMessage())
                        .build()));
    }

    /** RejectionReason and CommandErrorCode share names; a reason the notification schema lacks becomes OTHER. */
    static CommandErrorCode errorCode(String reason) {
        try {
            return CommandErrorCode.valueOf(reason);
        } catch (IllegalArgumentException e) {
            return CommandErrorCode.OTHER;
        }
    }

    private static QueueLeft queueLeft(String queueId, String ticketId, QueueLeaveReason reason) {
        return QueueLeft.newBuilder().setQueueId(queueId).setTicketId(ticketId).setReason(reason).build();
    }

    private static FriendshipChanged changed(String other, FriendshipStatus status) {
        return FriendshipChanged.newBuilder().setOtherPlayerId(other).setStatus(status).build();
    }

    private static KeyValue<String, PlayerNotification> draft(UUID sourceId, Instant occurredAt, String correlationId,
                                                              String playerId, Object payload) {
        UUID id = UUID.nameUUIDFromBytes((sourceId + "|" + playerId).getBytes(StandardCharsets.UTF_8));
        return KeyValue.pair(playerId, PlayerNotification.newBuilder()
                .setEventId(id)
                .setOccurredAt(occurredAt)
                .setCorrelationId(correlationId)
                .setCausationId(sourceId.toString())
                .setSequence(0)
                .setPayload(payload)
                .build());
    }
}
