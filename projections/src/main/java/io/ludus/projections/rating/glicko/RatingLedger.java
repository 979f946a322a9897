package io.ludus.projections.rating.glicko;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies rated games to one player's state. Each game is its own Glicko-2 rating period; the whole rating periods
 * between the player's previous game and this one count as idle periods first, growing the deviation (inactivity).
 * Idempotent per match id within the last {@code rememberedMatches} games of the player.
 */
public record RatingLedger(Glicko2 glicko, Duration ratingPeriod, int rememberedMatches) {

    public static final Duration DEFAULT_RATING_PERIOD = Duration.ofDays(7);
    public static final int DEFAULT_REMEMBERED_MATCHES = 256;

    public RatingLedger {
        if (glicko == null) {
            throw new IllegalArgumentException("glicko must not be null");
        }
        if (ratingPeriod == null || ratingPeriod.isNegative() || ratingPeriod.isZero()) {
            throw new IllegalArgumentException("ratingPeriod must be positive, was " + ratingPeriod);
        }
        if (rememberedMatches < 1) {
            throw new IllegalArgumentException("rememberedMatches must be at least 1, was " + rememberedMatches);
        }
    }

    /** The player's state after the game, or empty when this match was already rated for this player. */
    public Optional<RatedPlayer> apply(RatedPlayer player, RatedGame game) {
        if (player.hasRated(game.matchId())) {
            return Optional.empty();
        }
        Rating before = glicko.afterIdlePeriods(player.rating(), idlePeriods(player, game));
        Rating after = glicko.rate(before, List.of(game.asResult()));
        List<String> remembered = new ArrayList<>(player.recentMatchIds());
        remembered.add(game.matchId());
        if (remembered.size() > rememberedMatches) {
            remembered.subList(0, remembered.size() - rememberedMatches).clear();
        }
        var lastRatedAt = player.lastRatedAt() == null || game.playedAt().isAfter(player.lastRatedAt())
                ? game.playedAt() : player.lastRatedAt();
        return Optional.of(new RatedPlayer(after, player.gamesPlayed() + 1,
                player.wins() + (game.score() == GameResult.Score.WIN ? 1 : 0),
                player.losses() + (game.score() == GameResult.Score.LOSS ? 1 : 0),
                player.draws() + (game.score() == GameResult.Score.DRAW ? 1 : 0),
                lastRatedAt, remembered));
    }

    private long idlePeriods(RatedPlayer player, RatedGame game) {
        if (player.lastRatedAt() == null || !game.playedAt().isAfter(player.lastRatedAt())) {
            return 0;
        }
        return Duration.between(player.lastRatedAt(), game.playedAt()).dividedBy(ratingPeriod);
    }
}
