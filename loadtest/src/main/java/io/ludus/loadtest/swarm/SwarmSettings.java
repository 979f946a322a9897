package io.ludus.loadtest.swarm;

import java.time.Duration;
import java.util.List;

/**
 * What a swarm does. Shares are probabilities per round of a bot (join, wait for the result): {@code multiQueue} joins
 * two queues at once, {@code disconnect} drops the socket after the join's ack and resumes from the last seq,
 * {@code friend} sends a friend request to another bot, {@code replay} fetches the round's replay. Between rounds a
 * bot pauses for a uniform random time of 0 to twice {@code pause} (a player looking at the result, changing the team).
 */
record SwarmSettings(int bots, Duration duration, Duration rampUp, Duration resultTimeout, Duration pause, List<Queue> queues,
                     double multiQueue, double disconnect, double friend, double replay, long seed) {

    static final int MAX_BOTS = 5000;
    static final Duration MAX_DURATION = Duration.ofMinutes(30);

    /** A queue and its team size (docs/protocol.md: ranked-1v1 1, ranked-3v3 and casual-3v3 3). */
    record Queue(String id, int teamSize) {}

    static final List<Queue> DEFAULT_QUEUES = List.of(new Queue("ranked-1v1", 1), new Queue("ranked-3v3", 3),
            new Queue("casual-3v3", 3));
}
