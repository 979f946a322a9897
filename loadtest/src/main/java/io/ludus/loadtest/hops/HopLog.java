package io.ludus.loadtest.hops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the followers saw of the join-to-result path, keyed for joining up: each event's own time (occurredAt, the
 * writer's wall clock when it made the event) and when it became visible to a read_committed reader (seen).
 * All times are epoch milliseconds of this machine's clock; the server runs on the same one.
 */
final class HopLog {

    record Join(String playerId, long occurredAt, long seen) {}

    record Opened(String commandId, long occurredAt, long seen) {}

    record Formed(String matchId, long occurredAt) {}

    record Simulated(long occurredAt, long seen) {}

    /** By commandId. */
    final Map<String, Join> joins = new ConcurrentHashMap<>();
    /** By ticketId. */
    final Map<String, Opened> opened = new ConcurrentHashMap<>();
    /** By ticketId of each player side (bot sides have none). */
    final Map<String, Formed> formed = new ConcurrentHashMap<>();
    /** SimulationRequested seen, by matchId. */
    final Map<String, Long> requested = new ConcurrentHashMap<>();
    /** By matchId. */
    final Map<String, Simulated> simulated = new ConcurrentHashMap<>();
    /** MatchCompleted seen, by matchId. */
    final Map<String, Long> completed = new ConcurrentHashMap<>();
    /** MatchResultReady seen, by {@link #resultKey}. */
    final Map<String, Long> resultReady = new ConcurrentHashMap<>();

    static String resultKey(String playerId, String matchId) {
        return playerId + "/" + matchId;
    }
}
