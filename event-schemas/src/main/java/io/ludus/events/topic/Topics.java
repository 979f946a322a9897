package io.ludus.events.topic;

import io.ludus.events.account.AccountEvent;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.matchmaking.MatchmakingTicketEvent;
import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.rejection.CommandRejectionEvent;
import io.ludus.events.replay.ReplayEvent;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.events.social.SocialEvent;
import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The topic catalogue: every Ludus topic, declared once. */
public final class Topics {

    private static final Duration WEEK = Duration.ofDays(7);

    /** Validated client commands. Key: playerId. Written by ingress. */
    public static final TopicSpec<String, PlayerCommand> PLAYER_COMMANDS = new TopicSpec<>(
            "player-commands", String.class, PlayerCommand.class, 12, CleanupPolicy.DELETE, WEEK, Map.of());

    /** Tickets opened, cancelled or expired, enriched with rating. Key: queueId (few queues, so fewer partitions). Written by the matchmaker. */
    public static final TopicSpec<String, MatchmakingTicketEvent> MATCHMAKING_TICKETS = new TopicSpec<>(
            "matchmaking-tickets", String.class, MatchmakingTicketEvent.class, 6, CleanupPolicy.DELETE, WEEK, Map.of());

    /**
     * Match formed, completed, aborted. Key: matchId. Written by the matchmaker only: MatchFormed by its queue stage,
     * MatchCompleted and MatchAborted by its match-results stage, derived from simulation-results.
     */
    public static final TopicSpec<String, MatchEvent> MATCHES = new TopicSpec<>(
            "matches", String.class, MatchEvent.class, 12, CleanupPolicy.DELETE, TopicSpec.FOREVER, Map.of());

    /** What a worker must simulate. Key: matchId. Written by the matchmaker. */
    public static final TopicSpec<String, SimulationRequestEvent> SIMULATION_REQUESTS = new TopicSpec<>(
            "simulation-requests", String.class, SimulationRequestEvent.class, 12, CleanupPolicy.DELETE, WEEK, Map.of());

    /**
     * Outcome, per-unit and per-player stats, replay reference, and the request's sides. Key: matchId. Written by the
     * sim workers, one record per battle: everything else a battle causes is derived from it downstream.
     */
    public static final TopicSpec<String, SimulationResultEvent> SIMULATION_RESULTS = new TopicSpec<>(
            "simulation-results", String.class, SimulationResultEvent.class, 12, CleanupPolicy.DELETE, TopicSpec.FOREVER, Map.of());

    /**
     * Friend requests, friendships, blocks. Key: the unordered pair of players, {@link #socialPairKey}, so that
     * both players' events about one pair are totally ordered in one partition (keyed by the actor, a request and
     * its acceptance could race). Written by the social processor (projections).
     */
    public static final TopicSpec<String, SocialEvent> SOCIAL_EVENTS = new TopicSpec<>(
            "social-events", String.class, SocialEvent.class, 12, CleanupPolicy.DELETE, TopicSpec.FOREVER, Map.of());

    /** Everything a client is told, with a per-player sequence. Key: playerId. A week covers any reconnect. Written by the notifier only. */
    public static final TopicSpec<String, PlayerNotification> PLAYER_NOTIFICATIONS = new TopicSpec<>(
            "player-notifications", String.class, PlayerNotification.class, 12, CleanupPolicy.DELETE, WEEK, Map.of());

    /** Account created, renamed, banned. Key: accountId. Written by the outbox relay from ingress's outbox. */
    public static final TopicSpec<String, AccountEvent> ACCOUNT_EVENTS = new TopicSpec<>(
            "account-events", String.class, AccountEvent.class, 12, CleanupPolicy.DELETE, TopicSpec.FOREVER, Map.of());

    /** Current rating per player. Key: playerId. Daily segments so compaction keeps up. Written by the ratings processor. */
    public static final TopicSpec<String, PlayerRatingEvent> PLAYER_RATINGS = new TopicSpec<>(
            "player-ratings", String.class, PlayerRatingEvent.class, 12, CleanupPolicy.COMPACT, TopicSpec.FOREVER,
            Map.of(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis())));

    /**
     * Replays stored and deleted, so indexes follow retention. Key: matchId. ReplayStored is written by the
     * matchmaker's match-results stage (from simulation-results), ReplayDeleted by replay-store's retention.
     */
    public static final TopicSpec<String, ReplayEvent> REPLAY_EVENTS = new TopicSpec<>(
            "replay-events", String.class, ReplayEvent.class, 12, CleanupPolicy.DELETE, TopicSpec.FOREVER, Map.of());

    /**
     * Commands that broke a domain rule, from the processor owning the rule (matchmaker, social). Key: playerId of the
     * sender, who is told why. A separate topic because FULL_TRANSITIVE schemas cannot add a branch to the existing
     * payload unions.
     */
    public static final TopicSpec<String, CommandRejectionEvent> COMMAND_REJECTIONS = new TopicSpec<>(
            "command-rejections", String.class, CommandRejectionEvent.class, 12, CleanupPolicy.DELETE, WEEK, Map.of());

    public static final List<TopicSpec<String, ?>> ALL = List.of(
            PLAYER_COMMANDS, MATCHMAKING_TICKETS, MATCHES, SIMULATION_REQUESTS, SIMULATION_RESULTS,
            SOCIAL_EVENTS, PLAYER_NOTIFICATIONS, ACCOUNT_EVENTS, PLAYER_RATINGS, REPLAY_EVENTS, COMMAND_REJECTIONS);

    /** The social-events key of the pair {a, b}: the same whichever of the two acts. */
    public static String socialPairKey(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }

    private Topics() {}
}
