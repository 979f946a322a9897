package io.ludus.events;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountCreated;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.account.AccountRenamed;
import io.ludus.events.account.AccountUnbanned;
import io.ludus.events.command.AcceptFriendRequest;
import io.ludus.events.command.BlockPlayer;
import io.ludus.events.command.CancelFriendRequest;
import io.ludus.events.command.DeclineFriendRequest;
import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.LeaveQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.command.RemoveFriend;
import io.ludus.events.command.ReportKind;
import io.ludus.events.command.SendFriendRequest;
import io.ludus.events.command.SubmitReport;
import io.ludus.events.command.UnblockPlayer;
import io.ludus.events.common.AbilityRule;
import io.ludus.events.common.Outcome;
import io.ludus.events.common.PlayerResult;
import io.ludus.events.common.ReplayReference;
import io.ludus.events.common.Tactics;
import io.ludus.events.common.TargetFilter;
import io.ludus.events.common.TargetOrder;
import io.ludus.events.common.TargetRule;
import io.ludus.events.common.TargetSide;
import io.ludus.events.common.Team;
import io.ludus.events.common.TeamLoadout;
import io.ludus.events.common.UnitLoadout;
import io.ludus.events.match.MatchAbortReason;
import io.ludus.events.match.MatchAborted;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.match.MatchPlayerStats;
import io.ludus.events.match.MatchSide;
import io.ludus.events.matchmaking.MatchmakingTicketEvent;
import io.ludus.events.matchmaking.TicketCancelReason;
import io.ludus.events.matchmaking.TicketCancelled;
import io.ludus.events.matchmaking.TicketExpired;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.notification.CommandErrorCode;
import io.ludus.events.rejection.CommandRefused;
import io.ludus.events.rejection.CommandRejectionEvent;
import io.ludus.events.rejection.RejectionReason;
import io.ludus.events.notification.CommandRejected;
import io.ludus.events.notification.FriendRequestReceived;
import io.ludus.events.notification.FriendshipChanged;
import io.ludus.events.notification.FriendshipStatus;
import io.ludus.events.notification.MatchCancelled;
import io.ludus.events.notification.MatchFound;
import io.ludus.events.notification.MatchResultReady;
import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.notification.QueueJoined;
import io.ludus.events.notification.QueueLeaveReason;
import io.ludus.events.notification.QueueLeft;
import io.ludus.events.notification.RatingChanged;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.replay.ReplayDeleted;
import io.ludus.events.replay.ReplayDeletionReason;
import io.ludus.events.replay.ReplayEvent;
import io.ludus.events.replay.ReplayStored;
import io.ludus.events.simulation.PlayerSummary;
import io.ludus.events.simulation.SimulatedSide;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationFailed;
import io.ludus.events.simulation.SimulationFailureReason;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.events.simulation.SimulationTeam;
import io.ludus.events.simulation.UnitStats;
import io.ludus.events.social.FriendRemoved;
import io.ludus.events.social.FriendRequestAccepted;
import io.ludus.events.social.FriendRequestCancelled;
import io.ludus.events.social.FriendRequestDeclined;
import io.ludus.events.social.FriendRequestSent;
import io.ludus.events.social.PlayerBlocked;
import io.ludus.events.social.PlayerUnblocked;
import io.ludus.events.social.SocialEvent;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** Deterministic envelopes, one per payload type of each topic; the fixtures are these, written with old schema versions. */
public final class SampleEvents {

    private static final Instant AT = Instant.parse("2026-11-22T09:00:00.123Z");

    private SampleEvents() {}

    /** Every payload type of the topic, each in an envelope, as the current code builds them. */
    public static List<SpecificRecord> all(TopicSpec<?, ?> topic) {
        return switch (topic.name()) {
            case "player-commands" -> envelopes(List.of(
                    joinQueue(),
                    new LeaveQueue("p-1", "c-2", "ranked"),
                    new SendFriendRequest("p-1", "c-3", "p-2"),
                    new AcceptFriendRequest("p-2", "c-4", "p-1"),
                    new DeclineFriendRequest("p-2", "c-5", "p-3"),
                    new CancelFriendRequest("p-1", "c-6", "p-4"),
                    new RemoveFriend("p-1", "c-7", "p-2"),
                    new BlockPlayer("p-1", "c-8", "p-5"),
                    new UnblockPlayer("p-1", "c-9", "p-5"),
                    new SubmitReport("p-1", "c-10", ReportKind.BUG, "healer ignores stunned allies", "m-1", "0.1.0+build.7"),
                    new SubmitReport("p-1", "c-11", ReportKind.SUGGESTION, "more classes", null, null)),
                    (i, p) -> new PlayerCommand(id(i), AT, "c-" + i, null, p));
            case "matchmaking-tickets" -> envelopes(List.of(
                    new TicketOpened("t-1", "p-1", "ranked", loadout(), 1512.5, 150, "c-1", 82.5),
                    new TicketCancelled("t-1", "p-1", "ranked", "c-2", TicketCancelReason.PLAYER_LEFT),
                    new TicketCancelled("t-4", "p-6", "ranked", "e-7", TicketCancelReason.ACCOUNT_BANNED),
                    new TicketExpired("t-2", "p-3", "ranked", AT.minusSeconds(600))),
                    (i, p) -> new MatchmakingTicketEvent(id(i), AT, "corr-" + i, id(100 + i).toString(), p));
            case "matches" -> envelopes(List.of(
                    new MatchFormed("m-1", "ranked", sideA(), sideB(), true, -8_214_332_101L),
                    new MatchFormed("m-4", "casual-3v3", sideA(), new MatchSide("bot-m-4", "", 1500.0, 350.0, true), false, 77L),
                    new MatchCompleted("m-1", "ranked", "p-1", "p-2", Outcome.TEAM_A_WINS, 842, replay(), true, sideA(), sideB(), List.of(
                            new MatchPlayerStats("p-1", Team.TEAM_A, PlayerResult.WIN, 2, 0, 1960L, 865L, 930L, List.of("knight", "cleric")),
                            new MatchPlayerStats("p-2", Team.TEAM_B, PlayerResult.LOSS, 1, 2, 2200L, 2100L, 0L, List.of("archer", "mage")))),
                    new MatchAborted("m-2", "ranked", "p-3", "p-4", MatchAbortReason.SIMULATION_FAILED, "engine error")),
                    (i, p) -> new MatchEvent(id(i), AT, "corr-" + i, null, p));
            case "simulation-requests" -> envelopes(List.of(
                    new SimulationRequested("m-1", -8_214_332_101L, "content-3", "engine-1.4.0",
                            new SimulationTeam("p-1", loadout(), "t-1", 1512.5, 82.5, false), new SimulationTeam("p-2", loadout(), "t-3", 1490.0, 120.0, false),
                            "ranked", true)),
                    (i, p) -> new SimulationRequestEvent(id(i), AT, "corr-" + i, null, p));
            case "simulation-results" -> envelopes(List.of(
                    simulationCompleted(),
                    new SimulationFailed("m-2", SimulationFailureReason.UNKNOWN_CONTENT_VERSION, "content-9 is not installed",
                            new SimulatedSide("p-3", "t-6", 1500.0, 350.0, false), new SimulatedSide("p-4", "t-7", 1620.0, 95.0, false), "ranked")),
                    (i, p) -> new SimulationResultEvent(id(i), AT, "corr-" + i, id(200 + i).toString(), p));
            case "social-events" -> envelopes(List.of(
                    new FriendRequestSent("p-1", "p-2"),
                    new FriendRequestAccepted("p-1", "p-2"),
                    new FriendRequestDeclined("p-3", "p-2"),
                    new FriendRequestCancelled("p-1", "p-4"),
                    new FriendRemoved("p-1", "p-2"),
                    new PlayerBlocked("p-1", "p-5"),
                    new PlayerUnblocked("p-1", "p-5")),
                    (i, p) -> new SocialEvent(id(i), AT, "corr-" + i, null, p));
            case "player-notifications" -> envelopes(List.of(
                    new CommandRejected("c-1", CommandErrorCode.ALREADY_IN_QUEUE, "already queued in ranked"),
                    new QueueJoined("c-1", "ranked", "t-1"),
                    new QueueLeft("ranked", "t-1", QueueLeaveReason.EXPIRED),
                    new MatchFound("m-1", "ranked", "p-2", false, "t-1"),
                    new MatchFound("m-4", "casual-3v3", "bot-m-4", true, "t-5"),
                    new CommandRejected("c-12", CommandErrorCode.TOO_MANY_TICKETS, "you already wait in 3 queues"),
                    new QueueLeft("ranked", "t-4", QueueLeaveReason.ACCOUNT_BANNED),
                    new MatchResultReady("m-1", PlayerResult.WIN, 842, replay()),
                    new MatchCancelled("m-2", "the battle could not be simulated"),
                    new FriendRequestReceived("p-2"),
                    new FriendshipChanged("p-2", FriendshipStatus.FRIENDS),
                    new RatingChanged("m-1", 1527.25, 88.5, 14.75)),
                    (i, p) -> new PlayerNotification(id(i), AT, "corr-" + i, null, (long) i + 1, p));
            case "account-events" -> envelopes(List.of(
                    new AccountCreated("a-1", "p-1", "Brutus"),
                    new AccountRenamed("a-1", "p-1", "Brutus", "Cassius"),
                    new AccountBanned("a-1", "p-1", "cheating", AT.plusSeconds(86_400)),
                    new AccountBanned("a-2", "p-2", "abuse", null),
                    new AccountUnbanned("a-1", "p-1")),
                    (i, p) -> new AccountEvent(id(i), AT, "corr-" + i, null, p));
            case "player-ratings" -> envelopes(List.of(
                    new PlayerRatingChanged("p-1", 1527.25, 88.5, 0.06, 12, 7, 4, 1, "m-1"),
                    new PlayerRatingChanged("p-9", 1500.0, 350.0, 0.06, 0, 0, 0, 0, null)),
                    (i, p) -> new PlayerRatingEvent(id(i), AT, "corr-" + i, null, p));
            case "command-rejections" -> envelopes(List.of(
                    new CommandRefused("p-1", "c-1", RejectionReason.TOO_MANY_TICKETS, "you already wait in 3 queues; leave one first"),
                    new CommandRefused("p-2", "c-3", RejectionReason.PLAYER_BLOCKED, "this player does not accept friend requests from you")),
                    (i, p) -> new CommandRejectionEvent(id(i), AT, "corr-" + i, null, p));
            case "replay-events" -> envelopes(List.of(
                    new ReplayStored("m-1", replay(), "content-3", AT.plusSeconds(90L * 86_400)),
                    new ReplayStored("m-3", replay(), "content-3", null),
                    new ReplayDeleted("m-1", replay().getKey(), ReplayDeletionReason.RETENTION_EXPIRED)),
                    (i, p) -> new ReplayEvent(id(i), AT, "corr-" + i, null, p));
            default -> throw new IllegalArgumentException("no samples for " + topic.name());
        };
    }

    /** The samples as they read after being written with the given schema version of the topic. */
    public static List<SpecificRecord> asWrittenBy(TopicSpec<?, ?> topic, int version) {
        return all(topic);
    }

    public static JoinQueue joinQueue() {
        return new JoinQueue("p-1", "c-1", "ranked", loadout(), 150);
    }

    public static SimulationCompleted simulationCompleted() {
        return new SimulationCompleted("m-1", Outcome.TEAM_A_WINS, 842,
                List.of(
                        new UnitStats(0, Team.TEAM_A, "knight", 2, false, 1840L, 655L, 0L, 9),
                        new UnitStats(1, Team.TEAM_A, "cleric", 0, false, 120L, 210L, 930L, 14),
                        new UnitStats(2, Team.TEAM_B, "archer", 1, true, 1210L, 980L, 0L, 11),
                        new UnitStats(3, Team.TEAM_B, "mage", 0, true, 990L, 1120L, 0L, 7)),
                List.of(
                        new PlayerSummary("p-1", Team.TEAM_A, PlayerResult.WIN, 0, 2, 1960L, 865L, 930L),
                        new PlayerSummary("p-2", Team.TEAM_B, PlayerResult.LOSS, 2, 1, 2200L, 2100L, 0L)),
                replay(), "content-3", "engine-1.4.0",
                new SimulatedSide("p-1", "t-1", 1512.5, 82.5, false), new SimulatedSide("p-2", "t-3", 1490.0, 120.0, false),
                "ranked", true, AT.plus(Duration.ofDays(90)));
    }

    public static MatchSide sideA() {
        return new MatchSide("p-1", "t-1", 1512.5, 82.5, false);
    }

    public static MatchSide sideB() {
        return new MatchSide("p-2", "t-3", 1490.0, 120.0, false);
    }

    public static TeamLoadout loadout() {
        TargetRule lowestEnemy = new TargetRule(TargetSide.ENEMY, TargetFilter.IN_RANGE, 0, TargetOrder.LOWEST_HEALTH);
        TargetRule woundedAlly = new TargetRule(TargetSide.ALLY, TargetFilter.HEALTH_BELOW_PERCENT, 60, TargetOrder.LOWEST_HEALTH_PERCENT);
        TargetRule nearestEnemy = new TargetRule(TargetSide.ENEMY, TargetFilter.ANY, 0, TargetOrder.NEAREST);
        return new TeamLoadout(List.of(
                new UnitLoadout("knight", List.of("shield-bash", "taunt"), new Tactics(
                        List.of(new AbilityRule("shield-bash", new TargetRule(TargetSide.ENEMY, TargetFilter.NOT_STUNNED, 0, TargetOrder.HIGHEST_DAMAGE_DEALT)),
                                new AbilityRule("taunt", nearestEnemy)),
                        List.of(nearestEnemy))),
                new UnitLoadout("cleric", List.of("heal", "ward"), new Tactics(
                        List.of(new AbilityRule("heal", woundedAlly),
                                new AbilityRule("ward", new TargetRule(TargetSide.ALLY, TargetFilter.UNSHIELDED, 0, TargetOrder.FARTHEST))),
                        List.of(lowestEnemy))),
                new UnitLoadout("archer", List.of(), new Tactics(List.of(),
                        List.of(new TargetRule(TargetSide.ENEMY, TargetFilter.HEALTH_ABOVE_PERCENT, 50, TargetOrder.HIGHEST_HEALTH), lowestEnemy))),
                new UnitLoadout("mage", List.of("barrier"), new Tactics(
                        List.of(new AbilityRule("barrier", new TargetRule(TargetSide.SELF, TargetFilter.ANY, 0, TargetOrder.NEAREST))),
                        List.of(lowestEnemy)))));
    }

    public static ReplayReference replay() {
        return new ReplayReference("replays/2026/11/m-1.lrp", "s3://ludus-replays/replays/2026/11/m-1.lrp", 48_213L,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 1);
    }

    private static UUID id(int i) {
        return new UUID(0x1d5a_0000_0000_4000L, 0x8000_0000_0000_0000L | i);
    }

    private interface EnvelopeFactory {
        SpecificRecord wrap(int index, Object payload);
    }

    private static List<SpecificRecord> envelopes(List<Object> payloads, EnvelopeFactory factory) {
        return IntStream.range(0, payloads.size()).mapToObj(i -> factory.wrap(i, payloads.get(i))).toList();
    }
}
