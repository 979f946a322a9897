package io.ludus.projections.readmodel;

import io.ludus.events.account.AccountCreated;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.command.ReportKind;
import io.ludus.events.command.SubmitReport;
import io.ludus.events.common.Outcome;
import io.ludus.events.common.PlayerResult;
import io.ludus.events.common.ReplayReference;
import io.ludus.events.common.Team;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchPlayerStats;
import io.ludus.events.match.MatchSide;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.replay.ReplayDeleted;
import io.ludus.events.replay.ReplayDeletionReason;
import io.ludus.events.replay.ReplayEvent;
import io.ludus.events.replay.ReplayStored;
import io.ludus.events.social.FriendRequestAccepted;
import io.ludus.events.social.FriendRequestSent;
import io.ludus.events.social.PlayerBlocked;
import io.ludus.events.social.SocialEvent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builders for the events the read models consume, as the other services write them. */
public final class Events {

    private Events() {
    }

    public static MatchEvent matchCompleted(String matchId, String queue, String a, String b, Outcome outcome, boolean ranked,
                                            Instant at, boolean botB, int killsA, int killsB, List<String> classesA, List<String> classesB) {
        PlayerResult resultA = outcome == Outcome.DRAW ? PlayerResult.DRAW : outcome == Outcome.TEAM_A_WINS ? PlayerResult.WIN : PlayerResult.LOSS;
        PlayerResult resultB = outcome == Outcome.DRAW ? PlayerResult.DRAW : outcome == Outcome.TEAM_B_WINS ? PlayerResult.WIN : PlayerResult.LOSS;
        MatchCompleted completed = MatchCompleted.newBuilder()
                .setMatchId(matchId).setQueueId(queue).setTeamAPlayerId(a).setTeamBPlayerId(b).setOutcome(outcome)
                .setTicks(300).setRanked(ranked)
                .setReplay(ReplayReference.newBuilder().setKey("replays/" + matchId + ".ludr").setUri("file:/replays/" + matchId)
                        .setSizeBytes(4600).setSha256("ab".repeat(32)).setFormatVersion(1).build())
                .setSideA(MatchSide.newBuilder().setPlayerId(a).setTicketId("t-" + a).setRating(1500).setDeviation(350).setBot(false).build())
                .setSideB(MatchSide.newBuilder().setPlayerId(b).setTicketId("t-" + b).setRating(1500).setDeviation(350).setBot(botB).build())
                .setPlayers(List.of(
                        stats(a, Team.TEAM_A, resultA, killsA, killsB, classesA),
                        stats(b, Team.TEAM_B, resultB, killsB, killsA, classesB)))
                .build();
        return MatchEvent.newBuilder().setEventId(uuid("match", matchId)).setOccurredAt(at).setCorrelationId(matchId)
                .setPayload(completed).build();
    }

    private static MatchPlayerStats stats(String player, Team team, PlayerResult result, int kills, int deaths, List<String> classes) {
        return MatchPlayerStats.newBuilder().setPlayerId(player).setTeam(team).setPlayerResult(result).setKills(kills)
                .setDeaths(deaths).setDamageDealt(kills * 100L).setDamageTaken(deaths * 100L).setHealingDone(50)
                .setClassIds(classes).build();
    }

    public static PlayerRatingEvent ratingChanged(String player, double rating, int games, String matchId, Instant at) {
        return PlayerRatingEvent.newBuilder().setEventId(uuid("rating", player + games)).setOccurredAt(at).setCorrelationId(player)
                .setPayload(PlayerRatingChanged.newBuilder().setPlayerId(player).setRating(rating).setDeviation(200)
                        .setVolatility(0.06).setGamesPlayed(games).setWins(games / 2).setLosses(games - games / 2).setDraws(0)
                        .setMatchId(matchId).build())
                .build();
    }

    public static SocialEvent friendRequest(String from, String to, Instant at) {
        return social(at, FriendRequestSent.newBuilder().setRequesterId(from).setRecipientId(to).build());
    }

    public static SocialEvent friendAccepted(String from, String to, Instant at) {
        return social(at, FriendRequestAccepted.newBuilder().setRequesterId(from).setRecipientId(to).build());
    }

    public static SocialEvent blocked(String blocker, String blocked, Instant at) {
        return social(at, PlayerBlocked.newBuilder().setBlockerId(blocker).setBlockedId(blocked).build());
    }

    private static SocialEvent social(Instant at, Object payload) {
        return SocialEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at).setCorrelationId("c").setPayload(payload).build();
    }

    public static ReplayEvent replayStored(String matchId, Instant at) {
        return ReplayEvent.newBuilder().setEventId(uuid("replay", matchId)).setOccurredAt(at).setCorrelationId(matchId)
                .setPayload(ReplayStored.newBuilder().setMatchId(matchId).setContentVersion("content-1")
                        .setReplay(ReplayReference.newBuilder().setKey("replays/" + matchId + ".ludr").setUri("file:/replays/" + matchId)
                                .setSizeBytes(4600).setSha256("ab".repeat(32)).setFormatVersion(1).build())
                        .build())
                .build();
    }

    public static ReplayEvent replayDeleted(String matchId, Instant at) {
        return ReplayEvent.newBuilder().setEventId(uuid("replay-deleted", matchId)).setOccurredAt(at).setCorrelationId(matchId)
                .setPayload(ReplayDeleted.newBuilder().setMatchId(matchId).setKey("replays/" + matchId + ".ludr")
                        .setReason(ReplayDeletionReason.RETENTION_EXPIRED).build())
                .build();
    }

    public static PlayerCommand report(String player, String text, Instant at) {
        return PlayerCommand.newBuilder().setEventId(uuid("report", player + text)).setOccurredAt(at).setCorrelationId("c")
                .setPayload(SubmitReport.newBuilder().setPlayerId(player).setCommandId("cmd-" + text.hashCode())
                        .setKind(ReportKind.BUG).setText(text).setMatchId(null).setClientBuild("1.0.0").build())
                .build();
    }

    public static AccountEvent accountCreated(String player, String name, Instant at) {
        return AccountEvent.newBuilder().setEventId(uuid("account", player)).setOccurredAt(at).setCorrelationId(player)
                .setPayload(AccountCreated.newBuilder().setAccountId("acc-" + player).setPlayerId(player).setDisplayName(name).build())
                .build();
    }

    private static UUID uuid(String kind, String id) {
        return UUID.nameUUIDFromBytes((kind + ":" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
