package io.ludus.ingress.ws;

import java.util.Optional;

/** The {@code type} of a client frame. */
public enum ClientFrameType {
    QUEUE_JOIN("queue.join"),
    QUEUE_LEAVE("queue.leave"),
    FRIEND_REQUEST("friend.request"),
    FRIEND_ACCEPT("friend.accept"),
    FRIEND_DECLINE("friend.decline"),
    FRIEND_CANCEL("friend.cancel"),
    FRIEND_REMOVE("friend.remove"),
    BLOCK("block"),
    UNBLOCK("unblock"),
    REPORT_SUBMIT("report.submit"),
    QUERY_STATS("query.stats"),
    QUERY_RATING("query.rating"),
    QUERY_LEADERBOARD("query.leaderboard"),
    QUERY_FRIENDS("query.friends"),
    QUERY_MATCHES("query.matches"),
    QUERY_REPLAY_LINK("query.replay-link");

    private final String wireName;

    ClientFrameType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static Optional<ClientFrameType> fromWire(String type) {
        for (ClientFrameType candidate : values()) {
            if (candidate.wireName.equals(type)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
