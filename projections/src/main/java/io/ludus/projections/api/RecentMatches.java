package io.ludus.projections.api;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The newest completed matches across every player, for the operators' dashboard (no player route serves it). */
@Singleton
public class RecentMatches {

    /** One match, seen from its first human player; {@code opponentBot} when the other side was a bot. */
    public record RecentMatch(String matchId, String completedAt, String queueId, boolean ranked, int ticks,
                              String playerA, @Nullable String playerAName, String resultA,
                              String opponent, @Nullable String opponentName, boolean opponentBot,
                              @Nullable String replayKey, boolean replayAvailable) {
    }

    private final DataSource dataSource;

    RecentMatches(@Named("projections") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<RecentMatch> newest(int limit) {
        int n = Cursor.limit(limit, 50, 200);
        // a match has one history row per human player: read twice as many and keep the first row of each
        List<RecentMatch> rows = Jdbc.list(dataSource, """
                SELECT h.match_id, h.completed_at, h.queue_id, h.ranked, h.ticks, h.player_id, pa.display_name, h.result,
                       h.opponent_id, pb.display_name, h.opponent_bot, h.replay_key,
                       (r.match_id IS NOT NULL AND r.deleted_at IS NULL) AS available
                FROM %s.match_history h
                LEFT JOIN %s.players pa ON pa.player_id = h.player_id
                LEFT JOIN %s.players pb ON pb.player_id = h.opponent_id
                LEFT JOIN %s.replays r ON r.match_id = h.match_id
                ORDER BY h.completed_at DESC, h.match_id DESC, h.player_id LIMIT ?""".formatted(Schemas.HISTORY, Schemas.PLAYERS,
                        Schemas.PLAYERS, Schemas.HISTORY),
                rs -> new RecentMatch(rs.getString(1), Jdbc.instant(rs.getTimestamp(2)), rs.getString(3), rs.getBoolean(4),
                        rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getBoolean(11), rs.getString(12), rs.getBoolean(13)),
                n * 2);
        Map<String, RecentMatch> byMatch = new LinkedHashMap<>();
        rows.forEach(m -> byMatch.putIfAbsent(m.matchId(), m));
        List<RecentMatch> newest = new ArrayList<>(byMatch.values());
        return newest.size() > n ? newest.subList(0, n) : newest;
    }
}
