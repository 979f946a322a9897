package io.ludus.loadtest.chaos;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the topics say happened, reduced to the facts the invariants need (read by {@link TopicFacts}, built by hand
 * in tests). Lists keep each topic's order; {@code notificationSeqs} holds each player's sequences in log order.
 */
record GameLog(List<Join> joins, Set<String> openedCommands, Set<String> rejectedCommands, List<Formed> formed,
               List<Result> results, List<Completed> completed, List<RatingChange> ratingChanges,
               Map<String, List<Long>> notificationSeqs) {

    /** A JoinQueue on player-commands: ingress acknowledged it only once Kafka had it. */
    record Join(String commandId, String playerId) {}

    record Formed(String matchId, String playerA, String ticketA, String playerB, String ticketB) {}

    /** A result of a match as simulation-results or matches carry it; equal fingerprints are the same result. */
    record Result(String matchId, String fingerprint) {}

    record Completed(String matchId, String queueId, boolean ranked, String playerA, boolean botA, String playerB, boolean botB) {

        boolean rated() {
            return ranked && !botA && !botB;
        }
    }

    record RatingChange(String playerId, String matchId) {}
}
