package io.ludus.projections.social.stream;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountCreated;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.command.AcceptFriendRequest;
import io.ludus.events.command.BlockPlayer;
import io.ludus.events.command.LeaveQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.command.RemoveFriend;
import io.ludus.events.command.SendFriendRequest;

import java.time.Instant;
import java.util.UUID;

/** Commands and account events as ingress writes them. */
final class SocialRecords {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static PlayerCommand command(Object payload) {
        return PlayerCommand.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(T0)
                .setCorrelationId("corr-" + UUID.randomUUID()).setPayload(payload).build();
    }

    static PlayerCommand sendRequest(String from, String commandId, String to) {
        return command(new SendFriendRequest(from, commandId, to));
    }

    static PlayerCommand accept(String recipient, String commandId, String requester) {
        return command(new AcceptFriendRequest(recipient, commandId, requester));
    }

    static PlayerCommand remove(String player, String commandId, String friend) {
        return command(new RemoveFriend(player, commandId, friend));
    }

    static PlayerCommand block(String blocker, String commandId, String blocked) {
        return command(new BlockPlayer(blocker, commandId, blocked));
    }

    static PlayerCommand leaveQueue(String player) {
        return command(new LeaveQueue(player, "c-leave", "ranked"));
    }

    static AccountEvent created(String playerId) {
        return AccountEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(T0).setCorrelationId("acc")
                .setPayload(new AccountCreated("acct-" + playerId, playerId, playerId.toUpperCase())).build();
    }

    static AccountEvent banned(String playerId) {
        return AccountEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(T0).setCorrelationId("acc")
                .setPayload(new AccountBanned("acct-" + playerId, playerId, "cheating", null)).build();
    }

    private SocialRecords() {}
}
