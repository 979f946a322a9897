package io.ludus.projections.readmodel.stats;

import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchPlayerStats;
import io.ludus.events.match.MatchSide;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.projections.readmodel.ProjectedEvent;
import io.ludus.projections.readmodel.Projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ludus.projections.readmodel.InvalidEventException.require;
import static io.ludus.projections.readmodel.InvalidEventException.requireNonNegative;
import static io.ludus.projections.readmodel.SqlArrays.longs;
import static io.ludus.projections.readmodel.SqlArrays.texts;

/**
 * Player stats per queue from MatchCompleted v2's per-side totals. Bot sides get no stats; a match id counts once
 * however often it is delivered. A batch is summed in memory and added with one multi-row upsert per table. Totals
 * over all queues are not stored: a player has a row per queue played, a handful, and the query sums them, which
 * halves the rows every match writes.
 */
public final class StatsProjection implements Projection {

    public static final String NAME = "stats";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TopicSpec<String, ?>> topics() {
        return List.of(Topics.MATCHES);
    }

    private record StatsKey(String playerId, String queueId) {
    }

    private record ClassKey(String playerId, String queueId, String classId) {
    }

    private static final class Totals {
        long matches, wins, losses, draws, kills, deaths, damageDealt, damageTaken, healing;
    }

    @Override
    public void apply(Connection c, List<ProjectedEvent> events) throws SQLException {
        Map<String, MatchCompleted> completed = new LinkedHashMap<>();
        for (ProjectedEvent event : events) {
            if (((MatchEvent) event.value()).getPayload() instanceof MatchCompleted match) {
                completed.putIfAbsent(require(match.getMatchId(), "matchId"), match);
            }
        }
        if (completed.isEmpty()) {
            return;
        }
        Set<String> fresh = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO counted_matches (match_id) SELECT * FROM unnest(?::text[])
                ON CONFLICT (match_id) DO NOTHING RETURNING match_id""")) {
            s.setArray(1, texts(c, completed.keySet()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getString(1));
                }
            }
        }
        Map<StatsKey, Totals> totals = new LinkedHashMap<>();
        Map<ClassKey, Long> classes = new LinkedHashMap<>();
        for (MatchCompleted match : completed.values()) {
            if (fresh.contains(match.getMatchId())) {
                add(match, totals, classes);
            }
        }
        writeTotals(c, totals);
        writeClasses(c, classes);
    }

    private static void add(MatchCompleted match, Map<StatsKey, Totals> totals, Map<ClassKey, Long> classes) {
        require(match.getMatchId(), "matchId");
        String queue = require(match.getQueueId(), "queueId");
        Set<String> bots = new HashSet<>();
        for (MatchSide side : new MatchSide[]{match.getSideA(), match.getSideB()}) {
            if (side != null && side.getBot()) {
                bots.add(side.getPlayerId());
            }
        }
        for (MatchPlayerStats p : match.getPlayers()) {
            String player = require(p.getPlayerId(), "players.playerId");
            if (bots.contains(player)) {
                continue;
            }
            requireNonNegative(p.getKills(), "players.kills");
            requireNonNegative(p.getDeaths(), "players.deaths");
            requireNonNegative(p.getDamageDealt(), "players.damageDealt");
            requireNonNegative(p.getDamageTaken(), "players.damageTaken");
            requireNonNegative(p.getHealingDone(), "players.healingDone");
            Totals t = totals.computeIfAbsent(new StatsKey(player, queue), k -> new Totals());
            t.matches++;
            switch (p.getPlayerResult()) {
                case WIN -> t.wins++;
                case LOSS -> t.losses++;
                case DRAW -> t.draws++;
            }
            t.kills += p.getKills();
            t.deaths += p.getDeaths();
            t.damageDealt += p.getDamageDealt();
            t.damageTaken += p.getDamageTaken();
            t.healing += p.getHealingDone();
            for (String classId : p.getClassIds()) {
                classes.merge(new ClassKey(player, queue, require(classId, "players.classIds")), 1L, Long::sum);
            }
        }
    }

    private static void writeTotals(Connection c, Map<StatsKey, Totals> totals) throws SQLException {
        if (totals.isEmpty()) {
            return;
        }
        List<String> players = new ArrayList<>(), queues = new ArrayList<>();
        List<List<Long>> columns = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            columns.add(new ArrayList<>());
        }
        totals.forEach((k, t) -> {
            players.add(k.playerId());
            queues.add(k.queueId());
            long[] values = {t.matches, t.wins, t.losses, t.draws, t.kills, t.deaths, t.damageDealt, t.damageTaken, t.healing};
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        });
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO player_stats (player_id, queue_id, matches, wins, losses, draws, kills, deaths,
                                          damage_dealt, damage_taken, healing_done)
                SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                                     ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                ON CONFLICT (player_id, queue_id) DO UPDATE SET
                    matches = player_stats.matches + excluded.matches,
                    wins = player_stats.wins + excluded.wins,
                    losses = player_stats.losses + excluded.losses,
                    draws = player_stats.draws + excluded.draws,
                    kills = player_stats.kills + excluded.kills,
                    deaths = player_stats.deaths + excluded.deaths,
                    damage_dealt = player_stats.damage_dealt + excluded.damage_dealt,
                    damage_taken = player_stats.damage_taken + excluded.damage_taken,
                    healing_done = player_stats.healing_done + excluded.healing_done""")) {
            s.setArray(1, texts(c, players));
            s.setArray(2, texts(c, queues));
            for (int i = 0; i < 9; i++) {
                s.setArray(3 + i, longs(c, columns.get(i)));
            }
            s.executeUpdate();
        }
    }

    private static void writeClasses(Connection c, Map<ClassKey, Long> classes) throws SQLException {
        if (classes.isEmpty()) {
            return;
        }
        List<String> players = new ArrayList<>(), queues = new ArrayList<>(), ids = new ArrayList<>();
        List<Long> units = new ArrayList<>();
        classes.forEach((k, n) -> {
            players.add(k.playerId());
            queues.add(k.queueId());
            ids.add(k.classId());
            units.add(n);
        });
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO class_usage (player_id, queue_id, class_id, units)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[])
                ON CONFLICT (player_id, queue_id, class_id) DO UPDATE SET units = class_usage.units + excluded.units""")) {
            s.setArray(1, texts(c, players));
            s.setArray(2, texts(c, queues));
            s.setArray(3, texts(c, ids));
            s.setArray(4, longs(c, units));
            s.executeUpdate();
        }
    }
}
