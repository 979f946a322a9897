package io.ludus.loadtest.hops;

import io.ludus.loadtest.swarm.LatencyStats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Per-hop latency of every ticket whose whole path was seen, from the join to the player's MatchResultReady. The
 * queue wait (ticket opened to match formed) is waiting for an opponent, i.e. matchmaking; "pipeline" is everything
 * else. For the slowest 1 % of pipelines, which hop was the largest in each ({@code tailThresholdMillis}: the fastest
 * pipeline among them).
 */
record HopBreakdown(int joinsSeen, int ticketsOpened, int complete, List<Hop> hops, Map<String, Integer> slowestHopOfTail,
                    long tailThresholdMillis) {

    /** Latency of one hop over all complete paths (milliseconds). */
    record Hop(String name, String between, LatencyStats stats) {}

    enum Stage {
        INGRESS("ingress", "join received (JoinQueue.occurredAt) -> command committed on player-commands"),
        PLAYER_STAGE("matchmaker player stage", "command committed -> TicketOpened made by the queue stage (occurredAt)"),
        QUEUE_WAIT("queue wait (matchmaking)", "TicketOpened made -> MatchFormed made by a pass (occurredAt)"),
        MATCH_COMMIT("matchmaker commit", "MatchFormed made -> SimulationRequested committed"),
        SIMULATION("sim worker", "SimulationRequested committed -> SimulationCompleted made (poll, queue, engine, replay)"),
        RESULT_COMMIT("sim worker commit", "SimulationCompleted made -> committed (replay batch + transaction)"),
        RESULTS_STAGE("matchmaker results stage", "SimulationCompleted committed -> MatchCompleted committed"),
        NOTIFIER("notifier", "MatchCompleted committed -> the player's MatchResultReady committed");

        final String label;
        final String between;

        Stage(String label, String between) {
            this.label = label;
            this.between = between;
        }
    }

    static final String PIPELINE = "pipeline without queue wait";
    static final String TOTAL = "join -> result committed";

    static HopBreakdown of(HopLog log) {
        List<long[]> paths = new ArrayList<>();
        int opened = 0;
        for (Map.Entry<String, HopLog.Opened> ticket : log.opened.entrySet()) {
            HopLog.Join join = log.joins.get(ticket.getValue().commandId());
            if (join == null) {
                continue; // joined before the followers started
            }
            opened++;
            long[] path = path(log, join, ticket.getKey(), ticket.getValue());
            if (path != null) {
                paths.add(path);
            }
        }
        Stage[] stages = Stage.values();
        List<Hop> hops = new ArrayList<>();
        for (Stage stage : stages) {
            hops.add(new Hop(stage.label, stage.between, LatencyStats.of(column(paths, stage.ordinal()))));
        }
        long[] pipeline = paths.stream().mapToLong(p -> Arrays.stream(p).sum() - p[Stage.QUEUE_WAIT.ordinal()]).toArray();
        long[] total = paths.stream().mapToLong(p -> Arrays.stream(p).sum()).toArray();
        hops.add(new Hop(PIPELINE, "sum of every hop but the queue wait", LatencyStats.of(pipeline)));
        hops.add(new Hop(TOTAL, "join received -> the player's MatchResultReady committed (the swarm adds the ingress "
                + "live feed, the socket and the bots' own scheduling)", LatencyStats.of(total)));

        Map<String, Integer> slowest = new LinkedHashMap<>();
        for (Stage stage : stages) {
            slowest.put(stage.label, 0);
        }
        // the slowest 1 % of pipelines (at least one)
        int tail = paths.isEmpty() ? 0 : Math.max(1, (int) Math.ceil(paths.size() / 100.0));
        List<Integer> bySlowness = IntStream.range(0, paths.size()).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> pipeline[i]).reversed()).limit(tail).toList();
        for (int i : bySlowness) {
            long[] p = paths.get(i);
            Stage worst = null;
            for (Stage stage : stages) {
                if (stage != Stage.QUEUE_WAIT && (worst == null || p[stage.ordinal()] > p[worst.ordinal()])) {
                    worst = stage;
                }
            }
            slowest.merge(worst.label, 1, Integer::sum);
        }
        slowest.values().removeIf(n -> n == 0);
        long threshold = bySlowness.isEmpty() ? 0 : pipeline[bySlowness.getLast()];
        return new HopBreakdown(log.joins.size(), opened, paths.size(), hops, slowest, threshold);
    }

    /** The hops of one ticket in {@link Stage} order, or null while any part of its path is missing. */
    private static long[] path(HopLog log, HopLog.Join join, String ticketId, HopLog.Opened opened) {
        HopLog.Formed formed = log.formed.get(ticketId);
        if (formed == null) {
            return null;
        }
        Long requested = log.requested.get(formed.matchId());
        HopLog.Simulated simulated = log.simulated.get(formed.matchId());
        Long completed = log.completed.get(formed.matchId());
        Long ready = log.resultReady.get(HopLog.resultKey(join.playerId(), formed.matchId()));
        if (requested == null || simulated == null || completed == null || ready == null) {
            return null;
        }
        long[] hops = new long[Stage.values().length];
        hops[Stage.INGRESS.ordinal()] = join.seen() - join.occurredAt();
        hops[Stage.PLAYER_STAGE.ordinal()] = opened.occurredAt() - join.seen();
        hops[Stage.QUEUE_WAIT.ordinal()] = formed.occurredAt() - opened.occurredAt();
        hops[Stage.MATCH_COMMIT.ordinal()] = requested - formed.occurredAt();
        hops[Stage.SIMULATION.ordinal()] = simulated.occurredAt() - requested;
        hops[Stage.RESULT_COMMIT.ordinal()] = simulated.seen() - simulated.occurredAt();
        hops[Stage.RESULTS_STAGE.ordinal()] = completed - simulated.seen();
        hops[Stage.NOTIFIER.ordinal()] = ready - completed;
        return hops;
    }

    private static long[] column(List<long[]> paths, int index) {
        return paths.stream().mapToLong(p -> p[index]).toArray();
    }
}
