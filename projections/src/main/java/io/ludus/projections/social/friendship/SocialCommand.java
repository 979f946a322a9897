package io.ludus.projections.social.friendship;

import java.util.Objects;

/** A friend or block command about one pair: the acting player, the other player and the client's command id. */
public sealed interface SocialCommand {

    String actorId();

    String otherId();

    String commandId();

    record SendRequest(String actorId, String commandId, String recipientId) implements SocialCommand {
        public SendRequest {
            requireIds(actorId, commandId, recipientId);
        }

        public String otherId() {
            return recipientId;
        }
    }

    record AcceptRequest(String actorId, String commandId, String requesterId) implements SocialCommand {
        public AcceptRequest {
            requireIds(actorId, commandId, requesterId);
        }

        public String otherId() {
            return requesterId;
        }
    }

    record DeclineRequest(String actorId, String commandId, String requesterId) implements SocialCommand {
        public DeclineRequest {
            requireIds(actorId, commandId, requesterId);
        }

        public String otherId() {
            return requesterId;
        }
    }

    record CancelRequest(String actorId, String commandId, String recipientId) implements SocialCommand {
        public CancelRequest {
            requireIds(actorId, commandId, recipientId);
        }

        public String otherId() {
            return recipientId;
        }
    }

    record RemoveFriend(String actorId, String commandId, String friendId) implements SocialCommand {
        public RemoveFriend {
            requireIds(actorId, commandId, friendId);
        }

        public String otherId() {
            return friendId;
        }
    }

    record Block(String actorId, String commandId, String blockedId) implements SocialCommand {
        public Block {
            requireIds(actorId, commandId, blockedId);
        }

        public String otherId() {
            return blockedId;
        }
    }

    record Unblock(String actorId, String commandId, String blockedId) implements SocialCommand {
        public Unblock {
            requireIds(actorId, commandId, blockedId);
        }

        public String otherId() {
            return blockedId;
        }
    }

    private static void requireIds(String actorId, String commandId, String otherId) {
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(otherId, "otherId");
    }
}
