package io.ludus.projections.social.friendship;

/** Why a social command changed nothing. */
public enum Refusal {
    SELF_TARGET("You cannot do that to yourself."),
    UNKNOWN_PLAYER("There is no such player."),
    ACCOUNT_BANNED("That account is banned."),
    ALREADY_FRIENDS("You are already friends."),
    NOT_FRIENDS("You are not friends with that player."),
    REQUEST_ALREADY_PENDING("Your friend request is already waiting for an answer."),
    NO_PENDING_REQUEST("There is no pending friend request between you and that player."),
    PLAYER_BLOCKED("One of you has blocked the other; unblock first if it was you."),
    ALREADY_BLOCKED("You already block that player."),
    NOT_BLOCKED("You do not block that player."),
    FRIEND_LIMIT_REACHED("A friend list is full: remove a friend first, or ask them to.");

    private final String message;

    Refusal(String message) {
        this.message = message;
    }

    /** A sentence for the player saying what went wrong and what to do. */
    public String message() {
        return message;
    }
}
