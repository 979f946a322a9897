package io.ludus.loadtest.chaos;

import io.ludus.projections.readmodel.ReadModelSchemas;
import io.ludus.projections.readmodel.ratings.RatingsProjection;
import io.ludus.projections.readmodel.stats.StatsProjection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** The counters in the read models that must count each match once: matches per player and queue, rated games per player. */
record ReadModels(Map<PlayerQueue, Long> statsMatches, Map<String, Long> ratedGames) {

    record PlayerQueue(String playerId, String queueId) {}

    static ReadModels read(Connection db) throws SQLException {
        Map<PlayerQueue, Long> stats = new HashMap<>();
        Map<String, Long> games = new HashMap<>();
        try (Statement st = db.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT player_id, queue_id, matches FROM "
                    + ReadModelSchemas.live(StatsProjection.NAME) + ".player_stats")) {
                while (rs.next()) {
                    stats.put(new PlayerQueue(rs.getString(1), rs.getString(2)), rs.getLong(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT player_id, games FROM "
                    + ReadModelSchemas.live(RatingsProjection.NAME) + ".ratings")) {
                while (rs.next()) {
                    games.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return new ReadModels(stats, games);
    }
}
