package io.ludus.matchmaker.topology;

import io.ludus.events.topic.Topics;

/** The catalogue topics the matchmaker reads and writes, optionally behind a prefix (one cluster, several environments). */
public record MatchmakerTopics(String commands, String ratings, String accounts, String tickets, String matches,
                               String simulationRequests, String rejections, String simulationResults, String replayEvents) {

    public static MatchmakerTopics withPrefix(String prefix) {
        return new MatchmakerTopics(
                prefix + Topics.PLAYER_COMMANDS.name(),
                prefix + Topics.PLAYER_RATINGS.name(),
                prefix + Topics.ACCOUNT_EVENTS.name(),
                prefix + Topics.MATCHMAKING_TICKETS.name(),
                prefix + Topics.MATCHES.name(),
                prefix + Topics.SIMULATION_REQUESTS.name(),
                prefix + Topics.COMMAND_REJECTIONS.name(),
                prefix + Topics.SIMULATION_RESULTS.name(),
                prefix + Topics.REPLAY_EVENTS.name());
    }
}
