package io.ludus.loadtest.hops;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HopBreakdownTest {

    private final HopLog log = new HopLog();

    /** A ticket's whole path, starting at {@code t}, with the given hop lengths in stage order. */
    private void path(String player, String matchId, long t, long... hops) {
        String command = "cmd-" + player + "-" + matchId;
        String ticket = "ticket-" + player + "-" + matchId;
        long seen = t + hops[0];
        log.joins.put(command, new HopLog.Join(player, t, seen));
        long opened = seen + hops[1];
        log.opened.put(ticket, new HopLog.Opened(command, opened, opened + 3));
        long formed = opened + hops[2];
        log.formed.put(ticket, new HopLog.Formed(matchId, formed));
        long requested = formed + hops[3];
        log.requested.put(matchId, requested);
        long simulated = requested + hops[4];
        long simulatedSeen = simulated + hops[5];
        log.simulated.put(matchId, new HopLog.Simulated(simulated, simulatedSeen));
        long completed = simulatedSeen + hops[6];
        log.completed.put(matchId, completed);
        log.resultReady.put(HopLog.resultKey(player, matchId), completed + hops[7]);
    }

    private static HopBreakdown.Hop hop(HopBreakdown b, String name) {
        return b.hops().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void splitsOnePathIntoItsHopsAndKeepsTheQueueWaitOutOfThePipeline() {
        path("p1", "m1", 1_000, 5, 20, 4_000, 60, 30, 40, 70, 150);

        HopBreakdown b = HopBreakdown.of(log);

        assertThat(b.complete()).isEqualTo(1);
        assertThat(hop(b, "ingress").stats().p50Millis()).isEqualTo(5);
        assertThat(hop(b, "matchmaker player stage").stats().p50Millis()).isEqualTo(20);
        assertThat(hop(b, "queue wait (matchmaking)").stats().p50Millis()).isEqualTo(4_000);
        assertThat(hop(b, "matchmaker commit").stats().p50Millis()).isEqualTo(60);
        assertThat(hop(b, "sim worker").stats().p50Millis()).isEqualTo(30);
        assertThat(hop(b, "sim worker commit").stats().p50Millis()).isEqualTo(40);
        assertThat(hop(b, "matchmaker results stage").stats().p50Millis()).isEqualTo(70);
        assertThat(hop(b, "notifier").stats().p50Millis()).isEqualTo(150);
        assertThat(hop(b, HopBreakdown.PIPELINE).stats().p50Millis()).isEqualTo(5 + 20 + 60 + 30 + 40 + 70 + 150);
        assertThat(hop(b, HopBreakdown.TOTAL).stats().p50Millis()).isEqualTo(4_375);
    }

    @Test
    void leavesOutPathsStillUnderWayAndJoinsMadeBeforeFollowing() {
        path("p1", "m1", 1_000, 5, 20, 100, 60, 30, 40, 70, 150);
        path("p2", "m2", 1_000, 5, 20, 100, 60, 30, 40, 70, 150);
        log.resultReady.remove(HopLog.resultKey("p2", "m2")); // its notification not committed yet
        log.opened.put("ticket-early", new HopLog.Opened("cmd-before-following", 900, 905));

        HopBreakdown b = HopBreakdown.of(log);

        assertThat(b.joinsSeen()).isEqualTo(2);
        assertThat(b.ticketsOpened()).isEqualTo(2);
        assertThat(b.complete()).isEqualTo(1);
    }

    @Test
    void namesTheLargestHopOfTheSlowestPipelines() {
        for (int i = 0; i < 99; i++) {
            path("p" + i, "m" + i, 1_000, 5, 20, 100, 60, 30, 40, 70, 150);
        }
        path("slow", "m-slow", 1_000, 5, 20, 100, 60, 30, 2_500, 70, 150);

        HopBreakdown b = HopBreakdown.of(log);

        // the slowest 1 % of 100 paths is the one slow path
        assertThat(b.tailThresholdMillis()).isEqualTo(5 + 20 + 60 + 30 + 2_500 + 70 + 150);
        assertThat(b.slowestHopOfTail()).isEqualTo(Map.of("sim worker commit", 1));
    }
}
