package io.ludus.ingress.social;

import io.ludus.events.command.AcceptFriendRequest;
import io.ludus.events.command.BlockPlayer;
import io.ludus.events.command.CancelFriendRequest;
import io.ludus.events.command.DeclineFriendRequest;
import io.ludus.events.command.RemoveFriend;
import io.ludus.events.command.SendFriendRequest;
import io.ludus.events.command.UnblockPlayer;
import io.ludus.ingress.ws.CommandRejectedException;
import io.ludus.ingress.ws.ErrorCode;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * Turns the friend and block frames ({@code {"player": "<playerId>"}}) into their commands. Only
 * the shape is checked here: whether the other player exists, is blocked or already a friend is
 * the social processor's rule, refused on {@code command-rejections}.
 */
@Singleton
public class SocialCommands {

    public SendFriendRequest request(String playerId, String commandId, JsonNode frame) throws CommandRejectedException {
        return SendFriendRequest.newBuilder().setPlayerId(playerId).setCommandId(commandId).setRecipientId(other(playerId, frame)).build();
    }

    public AcceptFriendRequest accept(String playerId, String commandId, JsonNode frame) throws CommandRejectedException {
        return AcceptFriendRequest.newBuilder().setPlayerId(playerId).setCommandId(commandId).setRequesterId(other(playerId, frame)).build();
    }

    public DeclineFriendRequest decline(String playerId, String commandId, JsonNode frame) throws CommandRejectedException {
        return DeclineFriendRequest.newBuilder().setPlayerId(playerId).setCommandId(commandId).setRequesterId(other(playerId, frame)).build();
    }

    public CancelFriendRequest cancel(String playerId, String commandId, JsonNode frame) throws CommandRejectedException {
        return CancelFriendRequest.newBuilder().setPlayerId(playerId).setCommandId(commandId).setRecipientId(other(playerId, frame)).build();
    }

    public RemoveFriend remove(String playerId, String commandId, JsonNode frame) throws CommandRejectedException {
        return RemoveFriend.newBuilder().setPlayerId(playerId).setCommandId(commandId).setFriendId(other(playerId, frame)).build();
    }

    public BlockPlayer block(String playerId, String commandId, JsonNode frame) throws CommandRejectedException {
        return BlockPlayer.newBuilder().setPlayerId(playerId).setCommandId(commandId).setBlockedId(other(playerId, frame)).build();
    }

    public UnblockPlayer unblock(String playerId, String commandId, JsonNode frame) throws CommandRejectedException {
        return UnblockPlayer.newBuilder().setPlayerId(playerId).setCommandId(commandId).setBlockedId(other(playerId, frame)).build();
    }

    /** The other player: a playerId (a UUID in its canonical lowercase form) that is not the sender's. */
    static String other(String playerId, JsonNode frame) throws CommandRejectedException {
        JsonNode player = frame.get("player");
        if (player == null || !player.isString()) {
            throw new CommandRejectedException(ErrorCode.INVALID_COMMAND, "player must be a playerId");
        }
        String other = player.getStringValue();
        if (!isPlayerId(other)) {
            throw new CommandRejectedException(ErrorCode.INVALID_COMMAND, "player must be a playerId");
        }
        if (other.equals(playerId)) {
            throw new CommandRejectedException(ErrorCode.INVALID_COMMAND, "player must be someone else");
        }
        return other;
    }

    static boolean isPlayerId(String value) {
        if (value.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equals(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
