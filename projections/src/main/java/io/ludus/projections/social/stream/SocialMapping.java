package io.ludus.projections.social.stream;

import io.ludus.events.command.AcceptFriendRequest;
import io.ludus.events.command.BlockPlayer;
import io.ludus.events.command.CancelFriendRequest;
import io.ludus.events.command.DeclineFriendRequest;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.command.RemoveFriend;
import io.ludus.events.command.SendFriendRequest;
import io.ludus.events.command.UnblockPlayer;
import io.ludus.events.rejection.RejectionReason;
import io.ludus.events.social.FriendRemoved;
import io.ludus.events.social.FriendRequestAccepted;
import io.ludus.events.social.FriendRequestCancelled;
import io.ludus.events.social.FriendRequestDeclined;
import io.ludus.events.social.FriendRequestSent;
import io.ludus.events.social.PlayerBlocked;
import io.ludus.events.social.PlayerUnblocked;
import io.ludus.projections.social.friendship.Refusal;
import io.ludus.projections.social.friendship.SocialCommand;
import io.ludus.projections.social.friendship.SocialFact;

import java.util.Optional;

/** The one conversion between the Avro commands and events and the friendship core's types. */
final class SocialMapping {

    /** The social command a player command carries, or empty for every other command. */
    static Optional<SocialCommand> command(PlayerCommand command) {
        if (command == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (command.getPayload()) {
            case SendFriendRequest c -> new SocialCommand.SendRequest(c.getPlayerId(), c.getCommandId(), c.getRecipientId());
            case AcceptFriendRequest c -> new SocialCommand.AcceptRequest(c.getPlayerId(), c.getCommandId(), c.getRequesterId());
            case DeclineFriendRequest c -> new SocialCommand.DeclineRequest(c.getPlayerId(), c.getCommandId(), c.getRequesterId());
            case CancelFriendRequest c -> new SocialCommand.CancelRequest(c.getPlayerId(), c.getCommandId(), c.getRecipientId());
            case RemoveFriend c -> new SocialCommand.RemoveFriend(c.getPlayerId(), c.getCommandId(), c.getFriendId());
            case BlockPlayer c -> new SocialCommand.Block(c.getPlayerId(), c.getCommandId(), c.getBlockedId());
            case UnblockPlayer c -> new SocialCommand.Unblock(c.getPlayerId(), c.getCommandId(), c.getBlockedId());
            default -> null;
        });
    }

    static Object payload(SocialFact fact) {
        return switch (fact) {
            case SocialFact.RequestSent f -> new FriendRequestSent(f.requesterId(), f.recipientId());
            case SocialFact.RequestAccepted f -> new FriendRequestAccepted(f.requesterId(), f.recipientId());
            case SocialFact.RequestDeclined f -> new FriendRequestDeclined(f.requesterId(), f.recipientId());
            case SocialFact.RequestCancelled f -> new FriendRequestCancelled(f.requesterId(), f.recipientId());
            case SocialFact.FriendRemoved f -> new FriendRemoved(f.playerId(), f.friendId());
            case SocialFact.Blocked f -> new PlayerBlocked(f.blockerId(), f.blockedId());
            case SocialFact.Unblocked f -> new PlayerUnblocked(f.blockerId(), f.blockedId());
        };
    }

    static RejectionReason reason(Refusal refusal) {
        return switch (refusal) {
            case SELF_TARGET -> RejectionReason.SELF_TARGET;
            case UNKNOWN_PLAYER -> RejectionReason.UNKNOWN_PLAYER;
            case ACCOUNT_BANNED -> RejectionReason.ACCOUNT_BANNED;
            case ALREADY_FRIENDS -> RejectionReason.ALREADY_FRIENDS;
            case NOT_FRIENDS -> RejectionReason.NOT_FRIENDS;
            case REQUEST_ALREADY_PENDING -> RejectionReason.REQUEST_ALREADY_PENDING;
            case NO_PENDING_REQUEST -> RejectionReason.NO_PENDING_REQUEST;
            case PLAYER_BLOCKED -> RejectionReason.PLAYER_BLOCKED;
            case ALREADY_BLOCKED -> RejectionReason.ALREADY_BLOCKED;
            case NOT_BLOCKED -> RejectionReason.NOT_BLOCKED;
            case FRIEND_LIMIT_REACHED -> RejectionReason.FRIEND_LIMIT_REACHED;
        };
    }

    private SocialMapping() {}
}
