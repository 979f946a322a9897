package io.ludus.projections.rating.glicko;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A player's rating state: the current rating, rated-game counts, when they last played a rated game (null before
 * the first), and the ids of their latest rated matches, newest last, so a redelivered match is recognised.
 */
public record RatedPlayer(Rating rating, int gamesPlayed, int wins, int losses, int draws, Instant lastRatedAt,
                          List<String> recentMatchIds) {

    public static final RatedPlayer NEW = new RatedPlayer(Rating.INITIAL, 0, 0, 0, 0, null, List.of());

    public RatedPlayer {
        Objects.requireNonNull(rating, "rating");
        recentMatchIds = List.copyOf(recentMatchIds);
    }

    public boolean hasRated(String matchId) {
        return recentMatchIds.contains(matchId);
    }
}
