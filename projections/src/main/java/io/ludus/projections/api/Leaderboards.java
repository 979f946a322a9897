package io.ludus.projections.api;

import io.ludus.projections.readmodel.ratings.Boards;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/** Board rows and ranks, shared by the leaderboard and player routes. */
@Singleton
class Leaderboards {

    private final DataSource dataSource;

    Leaderboards(@Named("projections") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static final String SELECT = """
            SELECT e.player_id, p.display_name, e.rating, e.deviation
            FROM %s.board_entries e LEFT JOIN %s.players p ON p.player_id = e.player_id
            WHERE e.board_id = ?
            """.formatted(Schemas.RATINGS, Schemas.PLAYERS);

    record Row(String playerId, String displayName, double rating, double deviation) {
        LeaderboardController.Entry ranked(long rank) {
            return new LeaderboardController.Entry(rank, playerId, displayName, rating, deviation);
        }
    }

    /** 1-based rank of a player on a board; the player must be on it. */
    long rankOf(String board, String playerId) {
        Row row = Jdbc.one(dataSource, SELECT + "AND e.player_id = ?", Leaderboards::row, board, playerId);
        if (row == null) {
            throw new QueryException(QueryErrorCode.NOT_ON_BOARD, "player " + playerId + " is not on board " + board);
        }
        return rank(board, row.rating(), playerId);
    }

    /** Players ahead = those in higher buckets (summed) + those ahead inside the same bucket (one index range). */
    static final String RANK_SQL = """
            SELECT 1
              + COALESCE((SELECT sum(players) FROM %1$s.board_buckets WHERE board_id = ? AND bucket > ?), 0)
              + (SELECT count(*) FROM %1$s.board_entries
                 WHERE board_id = ? AND rating >= ? AND rating < ? AND (rating, player_id) > (?, ?))""".formatted(Schemas.RATINGS);

    long rank(String board, double rating, String playerId) {
        int bucket = Boards.bucket(rating);
        return Jdbc.one(dataSource, RANK_SQL, rs -> rs.getLong(1),
                board, bucket, board, (double) bucket, (double) bucket + 1, rating, playerId);
    }

    static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4));
    }
}
