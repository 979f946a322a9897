package io.ludus.projections.api;

import io.ludus.projections.readmodel.ReadModelSchemas;
import io.ludus.projections.readmodel.ratings.Boards;
import io.ludus.projections.readmodel.ratings.RatingsProjection;
import io.ludus.testkit.LudusInfra;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rank query's plan at a size where a scan would show: bucket sums and one index range, never a table scan. */
@Tag("integration")
@Timeout(180)
@LudusInfra
class LeaderboardRankPlanTest {

    static final int PLAYERS = 200_000;

    @Test
    void rankQueryUsesTheOrderedIndexAndTheBucketsNotACountOverTheBoard(TestPostgres postgres) throws Exception {
        TestDatabase db = postgres.freshDatabase();
        ReadModelSchemas.migrate(db.dataSource(), RatingsProjection.NAME, Schemas.RATINGS);
        seed(db, PLAYERS);
        try (Connection c = db.dataSource().getConnection()) {
            String plan = explain(c, 1612.5, "p-000042");
            assertThat(plan).doesNotContain("Seq Scan on board_entries");
            assertThat(plan).containsPattern("Index (Only )?Scan using board_entries_order");
            assertThat(plan).containsPattern("Index (Only )?Scan using board_buckets_pkey|Seq Scan on board_buckets");
            for (String player : List.of("p-000001", "p-077777", "p-199999")) {
                double rating = ratingOf(c, player);
                assertThat(rank(c, rating, player)).as(player).isEqualTo(bruteForceRank(c, rating, player));
            }
        }
    }

    /** Ratings spread like a bell around 1500 (sum of three uniforms), ties included, and the bucket counts that go with them. */
    static void seed(TestDatabase db, int players) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT setseed(0.42)");
            s.execute("""
                    INSERT INTO %1$s.board_entries (board_id, player_id, rating, deviation, games)
                    SELECT 'global', 'p-' || lpad(i::text, 6, '0'),
                           round((900 + (random() + random() + random()) * 400)::numeric, 1)::float8, 60, 30
                    FROM generate_series(0, %2$d - 1) AS i""".formatted(Schemas.RATINGS, players));
            s.execute("""
                    INSERT INTO %1$s.board_buckets (board_id, bucket, players)
                    SELECT board_id, floor(rating)::int, count(*) FROM %1$s.board_entries GROUP BY 1, 2""".formatted(Schemas.RATINGS));
            s.execute("ANALYZE " + Schemas.RATINGS + ".board_entries");
            s.execute("ANALYZE " + Schemas.RATINGS + ".board_buckets");
        }
    }

    private static String explain(Connection c, double rating, String player) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("EXPLAIN " + Leaderboards.RANK_SQL)) {
            bindRank(s, rating, player);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
        }
        return String.join("\n", lines);
    }

    private static void bindRank(PreparedStatement s, double rating, String player) throws SQLException {
        int bucket = Boards.bucket(rating);
        s.setString(1, Boards.GLOBAL);
        s.setInt(2, bucket);
        s.setString(3, Boards.GLOBAL);
        s.setDouble(4, bucket);
        s.setDouble(5, bucket + 1);
        s.setDouble(6, rating);
        s.setString(7, player);
    }

    private static long rank(Connection c, double rating, String player) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(Leaderboards.RANK_SQL)) {
            bindRank(s, rating, player);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double ratingOf(Connection c, String player) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT rating FROM " + Schemas.RATINGS + ".board_entries WHERE board_id = 'global' AND player_id = ?")) {
            s.setString(1, player);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private static long bruteForceRank(Connection c, double rating, String player) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 + count(*) FROM " + Schemas.RATINGS
                + ".board_entries WHERE board_id = 'global' AND (rating, player_id) > (?, ?)")) {
            s.setDouble(1, rating);
            s.setString(2, player);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
