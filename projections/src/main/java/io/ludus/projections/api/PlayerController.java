package io.ludus.projections.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Public facts about one player (any authenticated player may read them): stats, rating, match history, replays. */
@Controller("/v1/players/{playerId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PlayerController {

    static final int MOST_PLAYED = 3;

    private final DataSource dataSource;
    private final Leaderboards leaderboards;

    PlayerController(@Named("projections") DataSource dataSource, Leaderboards leaderboards) {
        this.dataSource = dataSource;
        this.leaderboards = leaderboards;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ClassUsage(String classId, long units) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StatsLine(String queueId, long matches, long wins, long losses, long draws, long kills, long deaths,
                            double killDeathRatio, long damageDealt, long damageTaken, long healingDone,
                            List<ClassUsage> mostPlayedClasses) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PlayerStats(String playerId, @Nullable String displayName, StatsLine overall, List<StatsLine> queues) {
    }

    @Get("/stats")
    public PlayerStats stats(@PathVariable String playerId) {
        Schemas.id(playerId, "playerId");
        // a player has a row per queue played (a handful): the totals over all queues are summed here, not stored
        Map<String, Map<String, Long>> units = new LinkedHashMap<>();
        Jdbc.list(dataSource, "SELECT queue_id, class_id, units FROM %s.class_usage WHERE player_id = ?".formatted(Schemas.STATS),
                rs -> units.computeIfAbsent(rs.getString(1), q -> new HashMap<>()).merge(rs.getString(2), rs.getLong(3), Long::sum),
                playerId);
        List<long[]> rows = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        Jdbc.list(dataSource, """
                SELECT queue_id, matches, wins, losses, draws, kills, deaths, damage_dealt, damage_taken, healing_done
                FROM %s.player_stats WHERE player_id = ? ORDER BY queue_id""".formatted(Schemas.STATS),
                rs -> {
                    queues.add(rs.getString(1));
                    long[] values = new long[9];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = rs.getLong(i + 2);
                    }
                    return rows.add(values);
                }, playerId);
        if (rows.isEmpty()) {
            throw new QueryException(QueryErrorCode.NOT_FOUND, "no completed matches for player " + playerId);
        }
        List<StatsLine> lines = new ArrayList<>();
        long[] total = new long[9];
        Map<String, Long> allUnits = new HashMap<>();
        for (int q = 0; q < rows.size(); q++) {
            Map<String, Long> queueUnits = units.getOrDefault(queues.get(q), Map.of());
            lines.add(line(queues.get(q), rows.get(q), queueUnits));
            for (int i = 0; i < total.length; i++) {
                total[i] += rows.get(q)[i];
            }
            queueUnits.forEach((classId, n) -> allUnits.merge(classId, n, Long::sum));
        }
        return new PlayerStats(playerId, displayName(playerId), line(OVERALL, total, allUnits), lines);
    }

    /** The queue id of the totals over every queue in a stats answer. */
    static final String OVERALL = "*";

    private static StatsLine line(String queue, long[] v, Map<String, Long> units) {
        long kills = v[4];
        long deaths = v[5];
        // K/D with no deaths is the kill count, as most games show it
        double kd = deaths == 0 ? kills : Math.round(kills * 100.0 / deaths) / 100.0;
        List<ClassUsage> mostPlayed = units.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MOST_PLAYED).map(e -> new ClassUsage(e.getKey(), e.getValue())).toList();
        return new StatsLine(queue, v[0], v[1], v[2], v[3], kills, deaths, kd, v[6], v[7], v[8], mostPlayed);
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PlayerRating(String playerId, @Nullable String displayName, double rating, double deviation, double volatility,
                               int games, int wins, int losses, int draws, long globalRank, String updatedAt) {
    }

    @Get("/rating")
    public PlayerRating rating(@PathVariable String playerId) {
        Schemas.id(playerId, "playerId");
        PlayerRating rating = Jdbc.one(dataSource, """
                SELECT r.rating, r.deviation, r.volatility, r.games, r.wins, r.losses, r.draws, r.updated_at, p.display_name
                FROM %s.ratings r LEFT JOIN %s.players p ON p.player_id = r.player_id
                WHERE r.player_id = ?""".formatted(Schemas.RATINGS, Schemas.PLAYERS),
                rs -> new PlayerRating(playerId, rs.getString(9), rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getInt(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), 0, Jdbc.instant(rs.getTimestamp(8))),
                playerId);
        if (rating == null) {
            throw new QueryException(QueryErrorCode.NOT_FOUND, "no rating for player " + playerId);
        }
        long rank = leaderboards.rankOf(io.ludus.projections.readmodel.ratings.Boards.GLOBAL, playerId);
        return new PlayerRating(rating.playerId(), rating.displayName(), rating.rating(), rating.deviation(), rating.volatility(),
                rating.games(), rating.wins(), rating.losses(), rating.draws(), rank, rating.updatedAt());
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReplayLink(String key, boolean available) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HistoryEntry(String matchId, String completedAt, String queueId, boolean ranked, String result,
                               String opponentId, @Nullable String opponentName, boolean opponentBot, int kills, int deaths,
                               @Nullable Double ratingBefore, @Nullable Double ratingAfter, @Nullable Double ratingChange,
                               @Nullable ReplayLink replay) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record HistoryPage(String playerId, List<HistoryEntry> entries, @Nullable String next) {
    }

    @Get("/matches")
    public HistoryPage matches(@PathVariable String playerId, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String after) {
        Schemas.id(playerId, "playerId");
        int n = Cursor.limit(limit, 20, 100);
        Object[] keyset = keyset(after);
        List<Object> params = new ArrayList<>(List.of(playerId));
        if (keyset != null) {
            params.add(keyset[0]);
            params.add(keyset[1]);
        }
        params.add(n);
        List<HistoryEntry> entries = Jdbc.list(dataSource, """
                SELECT h.match_id, h.completed_at, h.queue_id, h.ranked, h.result, h.opponent_id, p.display_name,
                       h.opponent_bot, h.kills, h.deaths, rc.rating_before, rc.rating_after, h.replay_key,
                       (r.match_id IS NOT NULL AND r.deleted_at IS NULL) AS available
                FROM %s.match_history h
                LEFT JOIN %s.players p ON p.player_id = h.opponent_id
                LEFT JOIN %s.rating_changes rc ON rc.player_id = h.player_id AND rc.match_id = h.match_id
                LEFT JOIN %s.replays r ON r.match_id = h.match_id
                WHERE h.player_id = ? %s
                ORDER BY h.completed_at DESC, h.match_id DESC LIMIT ?""".formatted(Schemas.HISTORY, Schemas.PLAYERS, Schemas.RATINGS,
                        Schemas.HISTORY, keyset == null ? "" : "AND (h.completed_at, h.match_id) < (?, ?)"),
                rs -> {
                    Double before = (Double) rs.getObject(11);
                    Double afterRating = (Double) rs.getObject(12);
                    String key = rs.getString(13);
                    return new HistoryEntry(rs.getString(1), Jdbc.instant(rs.getTimestamp(2)), rs.getString(3), rs.getBoolean(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getInt(9), rs.getInt(10),
                            before, afterRating, before == null ? null : afterRating - before,
                            key == null ? null : new ReplayLink(key, rs.getBoolean(14)));
                },
                params.toArray());
        String next = entries.size() < n ? null
                : Cursor.encode(entries.getLast().completedAt(), entries.getLast().matchId());
        return new HistoryPage(playerId, entries, next);
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReplayEntry(String matchId, String completedAt, String queueId, String key, String uri, long sizeBytes,
                              String sha256, int formatVersion, String contentVersion, @Nullable String expiresAt) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ReplayPage(String playerId, List<ReplayEntry> entries, @Nullable String next) {
    }

    @Get("/replays")
    public ReplayPage replays(@PathVariable String playerId, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String after) {
        Schemas.id(playerId, "playerId");
        int n = Cursor.limit(limit, 20, 100);
        Object[] keyset = keyset(after);
        List<Object> params = new ArrayList<>(List.of(playerId));
        if (keyset != null) {
            params.add(keyset[0]);
            params.add(keyset[1]);
        }
        params.add(n);
        List<ReplayEntry> entries = Jdbc.list(dataSource, """
                SELECT h.match_id, h.completed_at, h.queue_id, r.replay_key, r.uri, r.size_bytes, r.sha256,
                       r.format_version, r.content_version, r.expires_at
                FROM %s.match_history h JOIN %s.replays r ON r.match_id = h.match_id AND r.deleted_at IS NULL
                WHERE h.player_id = ? %s
                ORDER BY h.completed_at DESC, h.match_id DESC LIMIT ?""".formatted(Schemas.HISTORY, Schemas.HISTORY,
                        keyset == null ? "" : "AND (h.completed_at, h.match_id) < (?, ?)"),
                rs -> new ReplayEntry(rs.getString(1), Jdbc.instant(rs.getTimestamp(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getString(7), rs.getInt(8), rs.getString(9), Jdbc.instant(rs.getTimestamp(10))),
                params.toArray());
        String next = entries.size() < n ? null
                : Cursor.encode(entries.getLast().completedAt(), entries.getLast().matchId());
        return new ReplayPage(playerId, entries, next);
    }

    private static Object[] keyset(String after) {
        String[] parts = Cursor.decode(after);
        if (parts == null) {
            return null;
        }
        try {
            return new Object[]{Timestamp.from(java.time.Instant.parse(parts[0])), parts[1]};
        } catch (java.time.DateTimeException e) {
            throw new QueryException(QueryErrorCode.INVALID_CURSOR, "not a cursor of this list: " + after);
        }
    }

    private String displayName(String playerId) {
        return Jdbc.one(dataSource, "SELECT display_name FROM %s.players WHERE player_id = ?".formatted(Schemas.PLAYERS),
                rs -> rs.getString(1), playerId);
    }
}
