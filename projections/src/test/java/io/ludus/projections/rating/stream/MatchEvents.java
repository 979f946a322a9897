package io.ludus.projections.rating.stream;

import io.ludus.events.common.Outcome;
import io.ludus.events.common.ReplayReference;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchSide;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** MatchCompleted events as the sim workers write them. */
final class MatchEvents {

    static MatchSide side(String playerId, double rating, double deviation) {
        return MatchSide.newBuilder().setPlayerId(playerId).setTicketId("t-" + playerId)
                .setRating(rating).setDeviation(deviation).setBot(false).build();
    }

    static MatchSide bot(String botId) {
        return MatchSide.newBuilder().setPlayerId(botId).setTicketId("t-" + botId)
                .setRating(1500).setDeviation(350).setBot(true).build();
    }

    static MatchEvent completed(String matchId, MatchSide a, MatchSide b, Outcome outcome, boolean ranked, Instant at) {
        MatchCompleted completed = MatchCompleted.newBuilder()
                .setMatchId(matchId)
                .setQueueId(ranked ? "ranked" : "casual")
                .setTeamAPlayerId(a.getPlayerId())
                .setTeamBPlayerId(b.getPlayerId())
                .setOutcome(outcome)
                .setTicks(120)
                .setReplay(ReplayReference.newBuilder().setKey("replays/" + matchId).setUri("file:/r/" + matchId)
                        .setSizeBytes(10).setSha256("00").setFormatVersion(1).build())
                .setRanked(ranked)
                .setSideA(a)
                .setSideB(b)
                .setPlayers(List.of())
                .build();
        return MatchEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at)
                .setCorrelationId("corr-" + matchId).setPayload(completed).build();
    }

    private MatchEvents() {}
}
