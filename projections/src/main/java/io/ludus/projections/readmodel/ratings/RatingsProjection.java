package io.ludus.projections.readmodel.ratings;

import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.projections.readmodel.InvalidEventException;
import io.ludus.projections.readmodel.ProjectedEvent;
import io.ludus.projections.readmodel.Projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ludus.projections.readmodel.InvalidEventException.require;
import static io.ludus.projections.readmodel.SqlArrays.booleans;
import static io.ludus.projections.readmodel.SqlArrays.doubles;
import static io.ludus.projections.readmodel.SqlArrays.ints;
import static io.ludus.projections.readmodel.SqlArrays.longs;
import static io.ludus.projections.readmodel.SqlArrays.texts;
import static io.ludus.projections.readmodel.SqlArrays.timestamps;

/**
 * Current ratings, the rating change of each rated match, and the leaderboards with their rank buckets.
 * A rating change names only its match, so the queue boards join it with the match's queue (from MatchCompleted on
 * {@code matches}) whichever of the two arrives first. Board entries keep the change with the most games played, so
 * a late join never overwrites a newer rating.
 */
public final class RatingsProjection implements Projection {

    public static final String NAME = "ratings";
    /** Glicko-2 start rating, the "before" of a player's first change. */
    static final double INITIAL_RATING = 1500.0;

    private final List<Season> seasons;

    public RatingsProjection(List<Season> seasons) {
        this.seasons = List.copyOf(seasons);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TopicSpec<String, ?>> topics() {
        return List.of(Topics.PLAYER_RATINGS, Topics.MATCHES);
    }

    private record Change(String playerId, String matchId, double before, double after, double deviation, int games, Instant at) {
    }

    private record Candidate(String boardId, String playerId, double rating, double deviation, int games) {
    }

    private record EntryKey(String boardId, String playerId) {
    }

    @Override
    public void apply(Connection c, List<ProjectedEvent> events) throws SQLException {
        Map<String, MatchCompleted> matches = new LinkedHashMap<>();
        List<PlayerRatingChanged> changed = new ArrayList<>();
        List<Instant> changedAt = new ArrayList<>();
        for (ProjectedEvent event : events) {
            if (event.value() instanceof MatchEvent m && m.getPayload() instanceof MatchCompleted completed) {
                matches.put(require(completed.getMatchId(), "matchId"), completed);
                require(completed.getQueueId(), "queueId");
            } else if (event.value() instanceof PlayerRatingEvent r && r.getPayload() instanceof PlayerRatingChanged rc) {
                require(rc.getPlayerId(), "playerId");
                if (!Double.isFinite(rc.getRating()) || !Double.isFinite(rc.getDeviation()) || rc.getGamesPlayed() < 0) {
                    throw new InvalidEventException("rating, deviation or gamesPlayed out of range for " + rc.getPlayerId());
                }
                changed.add(rc);
                changedAt.add(r.getOccurredAt());
            }
        }
        writeMatchQueues(c, matches);

        Map<String, Current> current = currentRatings(c, changed.stream().map(PlayerRatingChanged::getPlayerId).toList());
        Map<String, PlayerRatingChanged> latest = new LinkedHashMap<>();
        Map<String, Instant> latestAt = new HashMap<>();
        List<Change> changes = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < changed.size(); i++) {
            PlayerRatingChanged rc = changed.get(i);
            Instant at = changedAt.get(i);
            Current now = current.get(rc.getPlayerId());
            if (now != null && rc.getGamesPlayed() < now.games()) {
                continue; // an older change delivered again: ratings only move forward
            }
            double before = now == null ? INITIAL_RATING : now.rating();
            current.put(rc.getPlayerId(), new Current(rc.getRating(), rc.getGamesPlayed()));
            latest.put(rc.getPlayerId(), rc);
            latestAt.put(rc.getPlayerId(), at);
            if (rc.getMatchId() != null) {
                changes.add(new Change(rc.getPlayerId(), rc.getMatchId(), before, rc.getRating(), rc.getDeviation(), rc.getGamesPlayed(), at));
            }
            candidates.add(new Candidate(Boards.GLOBAL, rc.getPlayerId(), rc.getRating(), rc.getDeviation(), rc.getGamesPlayed()));
            for (Season season : seasons) {
                if (season.contains(at)) {
                    candidates.add(new Candidate(Boards.of(null, season.id()), rc.getPlayerId(), rc.getRating(), rc.getDeviation(), rc.getGamesPlayed()));
                }
            }
        }
        writeRatings(c, latest, latestAt);
        writeChanges(c, changes);

        Set<String> joinable = new LinkedHashSet<>(matches.keySet());
        changes.forEach(ch -> joinable.add(ch.matchId()));
        candidates.addAll(queueCandidates(c, joinable));
        applyBoards(c, candidates);
    }

    private static void writeMatchQueues(Connection c, Map<String, MatchCompleted> matches) throws SQLException {
        if (matches.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO match_queues (match_id, queue_id, ranked)
                SELECT * FROM unnest(?::text[], ?::text[], ?::bool[]) ON CONFLICT (match_id) DO NOTHING""")) {
            s.setArray(1, texts(c, matches.keySet()));
            s.setArray(2, texts(c, matches.values().stream().map(MatchCompleted::getQueueId).toList()));
            s.setArray(3, booleans(c, matches.values().stream().map(MatchCompleted::getRanked).toList()));
            s.executeUpdate();
        }
    }

    private record Current(double rating, int games) {
    }

    private static Map<String, Current> currentRatings(Connection c, List<String> players) throws SQLException {
        Map<String, Current> ratings = new HashMap<>();
        if (players.isEmpty()) {
            return ratings;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT player_id, rating, games FROM ratings WHERE player_id = ANY(?)")) {
            s.setArray(1, texts(c, new LinkedHashSet<>(players)));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ratings.put(rs.getString(1), new Current(rs.getDouble(2), rs.getInt(3)));
                }
            }
        }
        return ratings;
    }

    private static void writeRatings(Connection c, Map<String, PlayerRatingChanged> latest, Map<String, Instant> at) throws SQLException {
        if (latest.isEmpty()) {
            return;
        }
        List<PlayerRatingChanged> rows = new ArrayList<>(latest.values());
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO ratings (player_id, rating, deviation, volatility, games, wins, losses, draws, match_id, updated_at)
                SELECT * FROM unnest(?::text[], ?::float8[], ?::float8[], ?::float8[], ?::int[], ?::int[], ?::int[], ?::int[],
                                     ?::text[], ?::timestamptz[])
                ON CONFLICT (player_id) DO UPDATE SET rating = excluded.rating, deviation = excluded.deviation,
                    volatility = excluded.volatility, games = excluded.games, wins = excluded.wins,
                    losses = excluded.losses, draws = excluded.draws, match_id = excluded.match_id,
                    updated_at = excluded.updated_at
                WHERE excluded.games >= ratings.games""")) {
            s.setArray(1, texts(c, rows.stream().map(PlayerRatingChanged::getPlayerId).toList()));
            s.setArray(2, doubles(c, rows.stream().map(PlayerRatingChanged::getRating).toList()));
            s.setArray(3, doubles(c, rows.stream().map(PlayerRatingChanged::getDeviation).toList()));
            s.setArray(4, doubles(c, rows.stream().map(PlayerRatingChanged::getVolatility).toList()));
            s.setArray(5, ints(c, rows.stream().map(PlayerRatingChanged::getGamesPlayed).toList()));
            s.setArray(6, ints(c, rows.stream().map(PlayerRatingChanged::getWins).toList()));
            s.setArray(7, ints(c, rows.stream().map(PlayerRatingChanged::getLosses).toList()));
            s.setArray(8, ints(c, rows.stream().map(PlayerRatingChanged::getDraws).toList()));
            s.setArray(9, texts(c, rows.stream().map(PlayerRatingChanged::getMatchId).toList()));
            s.setArray(10, timestamps(c, rows.stream().map(r -> at.get(r.getPlayerId())).toList()));
            s.executeUpdate();
        }
    }

    private static void writeChanges(Connection c, List<Change> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO rating_changes (player_id, match_id, rating_before, rating_after, deviation, games, occurred_at)
                SELECT * FROM unnest(?::text[], ?::text[], ?::float8[], ?::float8[], ?::float8[], ?::int[], ?::timestamptz[])
                ON CONFLICT (player_id, match_id) DO NOTHING""")) {
            s.setArray(1, texts(c, changes.stream().map(Change::playerId).toList()));
            s.setArray(2, texts(c, changes.stream().map(Change::matchId).toList()));
            s.setArray(3, doubles(c, changes.stream().map(Change::before).toList()));
            s.setArray(4, doubles(c, changes.stream().map(Change::after).toList()));
            s.setArray(5, doubles(c, changes.stream().map(Change::deviation).toList()));
            s.setArray(6, ints(c, changes.stream().map(Change::games).toList()));
            s.setArray(7, timestamps(c, changes.stream().map(Change::at).toList()));
            s.executeUpdate();
        }
    }

    /** Queue (and season-queue) board candidates for every rating change whose match queue is now known. */
    private List<Candidate> queueCandidates(Connection c, Set<String> matchIds) throws SQLException {
        List<Candidate> candidates = new ArrayList<>();
        if (matchIds.isEmpty()) {
            return candidates;
        }
        try (PreparedStatement s = c.prepareStatement("""
                SELECT rc.player_id, mq.queue_id, rc.rating_after, rc.deviation, rc.games, rc.occurred_at
                FROM rating_changes rc JOIN match_queues mq ON mq.match_id = rc.match_id
                WHERE rc.match_id = ANY(?)
                ORDER BY rc.games, rc.occurred_at""")) {
            s.setArray(1, texts(c, matchIds));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String player = rs.getString(1);
                    String queue = rs.getString(2);
                    double rating = rs.getDouble(3);
                    double deviation = rs.getDouble(4);
                    int games = rs.getInt(5);
                    Instant at = rs.getTimestamp(6).toInstant();
                    candidates.add(new Candidate(Boards.of(queue, null), player, rating, deviation, games));
                    for (Season season : seasons) {
                        if (season.contains(at)) {
                            candidates.add(new Candidate(Boards.of(queue, season.id()), player, rating, deviation, games));
                        }
                    }
                }
            }
        }
        return candidates;
    }

    private record Existing(double rating, int games) {
    }

    private record BucketKey(String boardId, int bucket) {
    }

    private static void applyBoards(Connection c, List<Candidate> candidates) throws SQLException {
        if (candidates.isEmpty()) {
            return;
        }
        Map<EntryKey, Candidate> winners = new LinkedHashMap<>();
        for (Candidate cand : candidates) {
            winners.merge(new EntryKey(cand.boardId(), cand.playerId()), cand, (old, neu) -> neu.games() >= old.games() ? neu : old);
        }
        Map<EntryKey, Existing> existing = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT e.board_id, e.player_id, e.rating, e.games FROM board_entries e
                JOIN unnest(?::text[], ?::text[]) AS k(board_id, player_id)
                  ON e.board_id = k.board_id AND e.player_id = k.player_id
                FOR UPDATE OF e""")) {
            s.setArray(1, texts(c, winners.keySet().stream().map(EntryKey::boardId).toList()));
            s.setArray(2, texts(c, winners.keySet().stream().map(EntryKey::playerId).toList()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    existing.put(new EntryKey(rs.getString(1), rs.getString(2)), new Existing(rs.getDouble(3), rs.getInt(4)));
                }
            }
        }
        List<Candidate> writes = new ArrayList<>();
        Map<BucketKey, Long> bucketDeltas = new LinkedHashMap<>();
        winners.forEach((key, cand) -> {
            Existing old = existing.get(key);
            if (old != null && cand.games() < old.games()) {
                return;
            }
            if (old != null) {
                bucketDeltas.merge(new BucketKey(key.boardId(), Boards.bucket(old.rating())), -1L, Long::sum);
            }
            bucketDeltas.merge(new BucketKey(key.boardId(), Boards.bucket(cand.rating())), 1L, Long::sum);
            writes.add(cand);
        });
        bucketDeltas.values().removeIf(d -> d == 0);
        if (!writes.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO board_entries (board_id, player_id, rating, deviation, games)
                    SELECT * FROM unnest(?::text[], ?::text[], ?::float8[], ?::float8[], ?::int[])
                    ON CONFLICT (board_id, player_id) DO UPDATE SET rating = excluded.rating,
                        deviation = excluded.deviation, games = excluded.games""")) {
                s.setArray(1, texts(c, writes.stream().map(Candidate::boardId).toList()));
                s.setArray(2, texts(c, writes.stream().map(Candidate::playerId).toList()));
                s.setArray(3, doubles(c, writes.stream().map(Candidate::rating).toList()));
                s.setArray(4, doubles(c, writes.stream().map(Candidate::deviation).toList()));
                s.setArray(5, ints(c, writes.stream().map(Candidate::games).toList()));
                s.executeUpdate();
            }
        }
        if (!bucketDeltas.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO board_buckets (board_id, bucket, players)
                    SELECT * FROM unnest(?::text[], ?::int[], ?::bigint[])
                    ON CONFLICT (board_id, bucket) DO UPDATE SET players = board_buckets.players + excluded.players""")) {
                s.setArray(1, texts(c, bucketDeltas.keySet().stream().map(BucketKey::boardId).toList()));
                s.setArray(2, ints(c, bucketDeltas.keySet().stream().map(BucketKey::bucket).toList()));
                s.setArray(3, longs(c, new ArrayList<>(bucketDeltas.values())));
                s.executeUpdate();
            }
        }
    }

}
