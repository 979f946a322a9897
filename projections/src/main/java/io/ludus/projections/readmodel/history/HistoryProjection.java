package io.ludus.projections.readmodel.history;

import io.ludus.events.common.Outcome;
import io.ludus.events.common.PlayerResult;
import io.ludus.events.common.ReplayReference;
import io.ludus.events.common.Team;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchPlayerStats;
import io.ludus.events.match.MatchSide;
import io.ludus.events.replay.ReplayDeleted;
import io.ludus.events.replay.ReplayEvent;
import io.ludus.events.replay.ReplayStored;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.projections.readmodel.ProjectedEvent;
import io.ludus.projections.readmodel.Projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.ludus.projections.readmodel.InvalidEventException.require;
import static io.ludus.projections.readmodel.InvalidEventException.requireNonNegative;
import static io.ludus.projections.readmodel.SqlArrays.booleans;
import static io.ludus.projections.readmodel.SqlArrays.ints;
import static io.ludus.projections.readmodel.SqlArrays.texts;
import static io.ludus.projections.readmodel.SqlArrays.timestamps;

/**
 * Match history per player (one row per human side of each MatchCompleted) and the replay index (ReplayStored,
 * ReplayDeleted). The rating change shown with a match comes from the ratings projection at query time.
 */
public final class HistoryProjection implements Projection {

    public static final String NAME = "history";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TopicSpec<String, ?>> topics() {
        return List.of(Topics.MATCHES, Topics.REPLAY_EVENTS);
    }

    private record Row(String playerId, String matchId, Instant completedAt, String queueId, boolean ranked, String result,
                       String opponentId, boolean opponentBot, int kills, int deaths, int ticks, String replayKey) {
    }

    private static final class ReplayState {
        ReplayStored stored;
        Instant storedAt;
        ReplayDeleted deleted;
        Instant deletedAt;
    }

    @Override
    public void apply(Connection c, List<ProjectedEvent> events) throws SQLException {
        List<Row> rows = new ArrayList<>();
        Map<String, ReplayState> replays = new LinkedHashMap<>();
        for (ProjectedEvent event : events) {
            if (event.value() instanceof MatchEvent m && m.getPayload() instanceof MatchCompleted completed) {
                rows.addAll(rows(completed, m.getOccurredAt()));
            } else if (event.value() instanceof ReplayEvent r) {
                switch (r.getPayload()) {
                    case ReplayStored s -> {
                        ReplayState state = replays.computeIfAbsent(require(s.getMatchId(), "matchId"), k -> new ReplayState());
                        require(s.getReplay().getKey(), "replay.key");
                        state.stored = s;
                        state.storedAt = r.getOccurredAt();
                        state.deleted = null;
                        state.deletedAt = null;
                    }
                    case ReplayDeleted d -> {
                        ReplayState state = replays.computeIfAbsent(require(d.getMatchId(), "matchId"), k -> new ReplayState());
                        state.deleted = d;
                        state.deletedAt = r.getOccurredAt();
                    }
                    default -> throw new IllegalStateException("unknown replay event " + r.getPayload().getClass());
                }
            }
        }
        writeHistory(c, rows);
        writeReplays(c, replays);
    }

    static List<Row> rows(MatchCompleted match, Instant completedAt) {
        String matchId = require(match.getMatchId(), "matchId");
        String queue = require(match.getQueueId(), "queueId");
        String a = require(match.getTeamAPlayerId(), "teamAPlayerId");
        String b = require(match.getTeamBPlayerId(), "teamBPlayerId");
        boolean botA = match.getSideA() != null && match.getSideA().getBot();
        boolean botB = match.getSideB() != null && match.getSideB().getBot();
        String replayKey = match.getReplay() == null ? null : match.getReplay().getKey();
        requireNonNegative(match.getTicks(), "ticks");
        List<Row> rows = new ArrayList<>();
        for (Team team : Team.values()) {
            boolean isA = team == Team.TEAM_A;
            if (isA ? botA : botB) {
                continue;
            }
            String player = isA ? a : b;
            MatchPlayerStats stats = match.getPlayers().stream().filter(p -> p.getTeam() == team).findFirst().orElse(null);
            String result = stats != null ? stats.getPlayerResult().name() : resultFromOutcome(match.getOutcome(), isA).name();
            int kills = stats == null ? 0 : (int) requireNonNegative(stats.getKills(), "players.kills");
            int deaths = stats == null ? 0 : (int) requireNonNegative(stats.getDeaths(), "players.deaths");
            rows.add(new Row(player, matchId, completedAt, queue, match.getRanked(), result, isA ? b : a, isA ? botB : botA,
                    kills, deaths, match.getTicks(), replayKey));
        }
        return rows;
    }

    private static PlayerResult resultFromOutcome(Outcome outcome, boolean sideA) {
        return switch (outcome) {
            case DRAW -> PlayerResult.DRAW;
            case TEAM_A_WINS -> sideA ? PlayerResult.WIN : PlayerResult.LOSS;
            case TEAM_B_WINS -> sideA ? PlayerResult.LOSS : PlayerResult.WIN;
        };
    }

    private static void writeHistory(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO match_history (player_id, match_id, completed_at, queue_id, ranked, result, opponent_id,
                                           opponent_bot, kills, deaths, ticks, replay_key)
                SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::bool[], ?::text[], ?::text[],
                                     ?::bool[], ?::int[], ?::int[], ?::int[], ?::text[])
                ON CONFLICT (player_id, match_id) DO NOTHING""")) {
            s.setArray(1, texts(c, rows.stream().map(Row::playerId).toList()));
            s.setArray(2, texts(c, rows.stream().map(Row::matchId).toList()));
            s.setArray(3, timestamps(c, rows.stream().map(Row::completedAt).toList()));
            s.setArray(4, texts(c, rows.stream().map(Row::queueId).toList()));
            s.setArray(5, booleans(c, rows.stream().map(Row::ranked).toList()));
            s.setArray(6, texts(c, rows.stream().map(Row::result).toList()));
            s.setArray(7, texts(c, rows.stream().map(Row::opponentId).toList()));
            s.setArray(8, booleans(c, rows.stream().map(Row::opponentBot).toList()));
            s.setArray(9, ints(c, rows.stream().map(Row::kills).toList()));
            s.setArray(10, ints(c, rows.stream().map(Row::deaths).toList()));
            s.setArray(11, ints(c, rows.stream().map(Row::ticks).toList()));
            s.setArray(12, texts(c, rows.stream().map(Row::replayKey).toList()));
            s.executeUpdate();
        }
    }

    private static void writeReplays(Connection c, Map<String, ReplayState> replays) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO replays (match_id, replay_key, uri, size_bytes, sha256, format_version, content_version,
                                     stored_at, expires_at, deleted_at, deletion_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (match_id) DO UPDATE SET replay_key = excluded.replay_key, uri = excluded.uri,
                    size_bytes = excluded.size_bytes, sha256 = excluded.sha256, format_version = excluded.format_version,
                    content_version = excluded.content_version, stored_at = excluded.stored_at,
                    expires_at = excluded.expires_at, deleted_at = excluded.deleted_at,
                    deletion_reason = excluded.deletion_reason""");
             PreparedStatement delete = c.prepareStatement(
                     "UPDATE replays SET deleted_at = ?, deletion_reason = ? WHERE match_id = ? AND replay_key = ?")) {
            for (Map.Entry<String, ReplayState> e : replays.entrySet()) {
                ReplayState state = e.getValue();
                if (state.stored != null) {
                    ReplayReference ref = state.stored.getReplay();
                    upsert.setString(1, e.getKey());
                    upsert.setString(2, ref.getKey());
                    upsert.setString(3, ref.getUri());
                    upsert.setLong(4, requireNonNegative(ref.getSizeBytes(), "replay.sizeBytes"));
                    upsert.setString(5, ref.getSha256());
                    upsert.setInt(6, ref.getFormatVersion());
                    upsert.setString(7, state.stored.getContentVersion());
                    upsert.setTimestamp(8, Timestamp.from(state.storedAt));
                    upsert.setTimestamp(9, state.stored.getExpiresAt() == null ? null : Timestamp.from(state.stored.getExpiresAt()));
                    boolean deleted = state.deleted != null && state.deleted.getKey().equals(ref.getKey());
                    upsert.setTimestamp(10, deleted ? Timestamp.from(state.deletedAt) : null);
                    upsert.setString(11, deleted ? state.deleted.getReason().name() : null);
                    upsert.addBatch();
                } else {
                    delete.setTimestamp(1, Timestamp.from(state.deletedAt));
                    delete.setString(2, state.deleted.getReason().name());
                    delete.setString(3, e.getKey());
                    delete.setString(4, state.deleted.getKey());
                    delete.addBatch();
                }
            }
            upsert.executeBatch();
            delete.executeBatch();
        }
    }
}
