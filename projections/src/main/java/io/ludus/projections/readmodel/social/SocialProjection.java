package io.ludus.projections.readmodel.social;

import io.ludus.events.social.FriendRemoved;
import io.ludus.events.social.FriendRequestAccepted;
import io.ludus.events.social.FriendRequestCancelled;
import io.ludus.events.social.FriendRequestDeclined;
import io.ludus.events.social.FriendRequestSent;
import io.ludus.events.social.PlayerBlocked;
import io.ludus.events.social.PlayerUnblocked;
import io.ludus.events.social.SocialEvent;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.ludus.projections.readmodel.InvalidEventException.require;
import static io.ludus.projections.readmodel.SqlArrays.texts;
import static io.ludus.projections.readmodel.SqlArrays.timestamps;

/**
 * Friends, pending requests and blocks. The social processor already decided every event, so this only records
 * them; a block also clears the pair's friendship and requests here, whatever else the processor emits. Each batch
 * loads the pairs it touches, evolves them in memory in log order, and rewrites those pairs in multi-row statements.
 */
public final class SocialProjection implements Projection {

    public static final String NAME = "social";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TopicSpec<String, ?>> topics() {
        return List.of(Topics.SOCIAL_EVENTS);
    }

    /** An unordered pair, low id first. */
    private record Pair(String low, String high) {
        static Pair of(String a, String b) {
            if (a.equals(b)) {
                throw new InvalidEventException("a social event between " + a + " and itself");
            }
            return a.compareTo(b) < 0 ? new Pair(a, b) : new Pair(b, a);
        }
    }

    /** Directed facts of one pair: from -> to. */
    private record Directed(String from, String to, Instant at) {
    }

    private static final class PairState {
        Instant friendsSince;
        final Map<String, Directed> requests = new LinkedHashMap<>(); // by requester
        final Map<String, Directed> blocks = new LinkedHashMap<>();   // by blocker
    }

    @Override
    public void apply(Connection c, List<ProjectedEvent> events) throws SQLException {
        List<Runnable> steps = new ArrayList<>();
        Map<Pair, PairState> pairs = new LinkedHashMap<>();
        Function<Pair, PairState> state = pairs::get;
        for (ProjectedEvent event : events) {
            SocialEvent social = (SocialEvent) event.value();
            Instant at = social.getOccurredAt();
            switch (social.getPayload()) {
                case FriendRequestSent e -> {
                    Pair p = pair(pairs, e.getRequesterId(), e.getRecipientId());
                    steps.add(() -> {
                        PairState s = state.apply(p);
                        // the processor never sends this between friends or blocked players; a delivered duplicate changes nothing
                        if (s.friendsSince == null && s.blocks.isEmpty()) {
                            s.requests.put(e.getRequesterId(), new Directed(e.getRequesterId(), e.getRecipientId(), at));
                        }
                    });
                }
                case FriendRequestAccepted e -> {
                    Pair p = pair(pairs, e.getRequesterId(), e.getRecipientId());
                    steps.add(() -> {
                        PairState s = state.apply(p);
                        s.requests.clear();
                        s.friendsSince = at;
                    });
                }
                case FriendRequestDeclined e -> {
                    Pair p = pair(pairs, e.getRequesterId(), e.getRecipientId());
                    steps.add(() -> state.apply(p).requests.remove(e.getRequesterId()));
                }
                case FriendRequestCancelled e -> {
                    Pair p = pair(pairs, e.getRequesterId(), e.getRecipientId());
                    steps.add(() -> state.apply(p).requests.remove(e.getRequesterId()));
                }
                case FriendRemoved e -> {
                    Pair p = pair(pairs, e.getPlayerId(), e.getFriendId());
                    steps.add(() -> state.apply(p).friendsSince = null);
                }
                case PlayerBlocked e -> {
                    Pair p = pair(pairs, e.getBlockerId(), e.getBlockedId());
                    steps.add(() -> {
                        PairState s = state.apply(p);
                        s.friendsSince = null;
                        s.requests.clear();
                        s.blocks.putIfAbsent(e.getBlockerId(), new Directed(e.getBlockerId(), e.getBlockedId(), at));
                    });
                }
                case PlayerUnblocked e -> {
                    Pair p = pair(pairs, e.getBlockerId(), e.getBlockedId());
                    steps.add(() -> state.apply(p).blocks.remove(e.getBlockerId()));
                }
                default -> throw new InvalidEventException("unknown social event " + social.getPayload().getClass().getSimpleName());
            }
        }
        if (pairs.isEmpty()) {
            return;
        }
        load(c, pairs);
        steps.forEach(Runnable::run);
        rewrite(c, pairs);
    }

    private static Pair pair(Map<Pair, PairState> pairs, String a, String b) {
        Pair p = Pair.of(require(a, "player id"), require(b, "player id"));
        pairs.computeIfAbsent(p, k -> new PairState());
        return p;
    }

    private static void load(Connection c, Map<Pair, PairState> pairs) throws SQLException {
        List<String> lows = pairs.keySet().stream().map(Pair::low).toList();
        List<String> highs = pairs.keySet().stream().map(Pair::high).toList();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT 'f', f.player_id, f.friend_id, f.since FROM friendships f
                  JOIN unnest(?::text[], ?::text[]) AS k(low, high) ON f.player_id = k.low AND f.friend_id = k.high
                UNION ALL
                SELECT 'r', r.requester_id, r.recipient_id, r.sent_at FROM friend_requests r
                  JOIN unnest(?::text[], ?::text[]) AS k(low, high)
                    ON (r.requester_id = k.low AND r.recipient_id = k.high) OR (r.requester_id = k.high AND r.recipient_id = k.low)
                UNION ALL
                SELECT 'b', b.blocker_id, b.blocked_id, b.since FROM blocks b
                  JOIN unnest(?::text[], ?::text[]) AS k(low, high)
                    ON (b.blocker_id = k.low AND b.blocked_id = k.high) OR (b.blocker_id = k.high AND b.blocked_id = k.low)""")) {
            for (int i = 0; i < 3; i++) {
                s.setArray(1 + 2 * i, texts(c, lows));
                s.setArray(2 + 2 * i, texts(c, highs));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String from = rs.getString(2);
                    String to = rs.getString(3);
                    Instant at = rs.getTimestamp(4).toInstant();
                    PairState state = pairs.get(Pair.of(from, to));
                    switch (rs.getString(1)) {
                        case "f" -> state.friendsSince = at;
                        case "r" -> state.requests.put(from, new Directed(from, to, at));
                        default -> state.blocks.put(from, new Directed(from, to, at));
                    }
                }
            }
        }
    }

    private static void rewrite(Connection c, Map<Pair, PairState> pairs) throws SQLException {
        List<String> lows = pairs.keySet().stream().map(Pair::low).toList();
        List<String> highs = pairs.keySet().stream().map(Pair::high).toList();
        for (String[] table : new String[][]{{"friendships", "player_id", "friend_id"}, {"friend_requests", "requester_id", "recipient_id"},
                {"blocks", "blocker_id", "blocked_id"}}) {
            // table and column names are constants of this class, never input
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table[0] + " t USING unnest(?::text[], ?::text[]) AS k(low, high) "
                    + "WHERE (t." + table[1] + " = k.low AND t." + table[2] + " = k.high) OR (t." + table[1] + " = k.high AND t." + table[2] + " = k.low)")) {
                s.setArray(1, texts(c, lows));
                s.setArray(2, texts(c, highs));
                s.executeUpdate();
            }
        }
        List<Directed> friendships = new ArrayList<>();
        List<Directed> requests = new ArrayList<>();
        List<Directed> blocks = new ArrayList<>();
        pairs.forEach((p, s) -> {
            if (s.friendsSince != null) {
                friendships.add(new Directed(p.low(), p.high(), s.friendsSince));
                friendships.add(new Directed(p.high(), p.low(), s.friendsSince));
            }
            requests.addAll(s.requests.values());
            blocks.addAll(s.blocks.values());
        });
        insert(c, "INSERT INTO friendships (player_id, friend_id, since) SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[])", friendships);
        insert(c, "INSERT INTO friend_requests (requester_id, recipient_id, sent_at) SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[])", requests);
        insert(c, "INSERT INTO blocks (blocker_id, blocked_id, since) SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[])", blocks);
    }

    private static void insert(Connection c, String sql, List<Directed> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, texts(c, rows.stream().map(Directed::from).toList()));
            s.setArray(2, texts(c, rows.stream().map(Directed::to).toList()));
            s.setArray(3, timestamps(c, rows.stream().map(Directed::at).toList()));
            s.executeUpdate();
        }
    }
}
