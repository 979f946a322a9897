package io.ludus.projections.rating.glicko;

import java.time.Instant;
import java.util.Objects;

/** One rated match seen from one player: the opponent as rated when the match formed, and the player's score. */
public record RatedGame(String matchId, Instant playedAt, double opponentRating, double opponentDeviation,
                        GameResult.Score score) {

    public RatedGame {
        Objects.requireNonNull(matchId, "matchId");
        Objects.requireNonNull(playedAt, "playedAt");
        Objects.requireNonNull(score, "score");
    }

    GameResult asResult() {
        return new GameResult(opponentRating, opponentDeviation, score);
    }
}
