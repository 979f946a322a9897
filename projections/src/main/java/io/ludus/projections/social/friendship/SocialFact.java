package io.ludus.projections.social.friendship;

/** What happened to a pair; one-to-one with the social-events payloads. */
public sealed interface SocialFact {

    record RequestSent(String requesterId, String recipientId) implements SocialFact {}

    record RequestAccepted(String requesterId, String recipientId) implements SocialFact {}

    record RequestDeclined(String requesterId, String recipientId) implements SocialFact {}

    record RequestCancelled(String requesterId, String recipientId) implements SocialFact {}

    record FriendRemoved(String playerId, String friendId) implements SocialFact {}

    record Blocked(String blockerId, String blockedId) implements SocialFact {}

    record Unblocked(String blockerId, String blockedId) implements SocialFact {}
}
