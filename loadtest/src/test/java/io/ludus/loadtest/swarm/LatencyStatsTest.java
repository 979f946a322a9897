package io.ludus.loadtest.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesOfOneToHundredAreTheirRanks() {
        long[] samples = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // unsorted on purpose
        LatencyStats stats = LatencyStats.of(samples);
        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50Millis()).isEqualTo(50);
        assertThat(stats.p95Millis()).isEqualTo(95);
        assertThat(stats.p99Millis()).isEqualTo(99);
        assertThat(stats.maxMillis()).isEqualTo(100);
    }

    @Test
    void nearestRankRoundsUp() {
        long[] sorted = {10, 20, 30};
        assertThat(LatencyStats.rank(sorted, 50)).isEqualTo(20); // ceil(1.5) = 2nd
        assertThat(LatencyStats.rank(sorted, 99)).isEqualTo(30);
        assertThat(LatencyStats.rank(sorted, 1)).isEqualTo(10);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        LatencyStats stats = LatencyStats.of(new long[] {42});
        assertThat(stats).isEqualTo(new LatencyStats(1, 42, 42, 42, 42));
    }

    @Test
    void noSamplesGiveAnEmptyReport() {
        assertThat(LatencyStats.of(new long[0])).isEqualTo(LatencyStats.EMPTY);
    }

    @Test
    void doesNotReorderTheCallersSamples() {
        long[] samples = {3, 1, 2};
        LatencyStats.of(samples);
        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void matchesPerSecondCountDistinctMatchesOverTheRun() {
        SwarmStats stats = new SwarmStats();
        stats.matchesWithResult.add("m-1");
        stats.matchesWithResult.add("m-1"); // both players of a match report it
        stats.matchesWithResult.add("m-2");
        stats.joinToResult.add(new SwarmStats.JoinToResult("ranked-1v1", 1_000L, 100L, 40L));
        SwarmReport report = SwarmReport.of("http://127.0.0.1:8080/", 2, 4.0, 0.25, 0L, stats);
        assertThat(report.matches()).isEqualTo(2);
        assertThat(report.matchesPerSecond()).isEqualTo(0.5);
        assertThat(report.sustainedMatchesPerSecond()).isEqualTo(0.25);
        assertThat(report.joinToResult().p99Millis()).isEqualTo(100);
        assertThat(report.deliveryIntact()).isTrue();
    }

    @Test
    void theAfterRampUpLatenciesKeepOnlyJoinsSentOnceTheRampUpEnded() {
        SwarmStats stats = new SwarmStats();
        long rampUpEnd = 5_000_000_000L;
        stats.joinToResult.add(new SwarmStats.JoinToResult("ranked-1v1", rampUpEnd - 1, 9_000L, 8_000L)); // a cold server's backlog
        stats.joinToResult.add(new SwarmStats.JoinToResult("ranked-1v1", rampUpEnd, 300L, 200L));
        stats.joinToResult.add(new SwarmStats.JoinToResult("casual-3v3", rampUpEnd + 1_000_000L, 500L, 250L));
        SwarmReport report = SwarmReport.of("http://127.0.0.1:8080/", 2, 10.0, 0.1, rampUpEnd, stats);
        assertThat(report.joinToResult().count()).isEqualTo(3);
        assertThat(report.joinToResult().maxMillis()).isEqualTo(9_000L);
        assertThat(report.joinToResultAfterRampUp().count()).isEqualTo(2);
        assertThat(report.joinToResultAfterRampUp().maxMillis()).isEqualTo(500L);
    }

    @Test
    void joinsAfterTheRampUpAreSplitIntoThePipelineOnceMatchedAndPerQueue() {
        SwarmStats stats = new SwarmStats();
        long rampUpEnd = 5_000_000_000L;
        stats.joinToResult.add(new SwarmStats.JoinToResult("ranked-1v1", rampUpEnd - 1, 9_000L, 8_000L));
        stats.joinToResult.add(new SwarmStats.JoinToResult("ranked-1v1", rampUpEnd, 3_000L, 300L));
        stats.joinToResult.add(new SwarmStats.JoinToResult("ranked-1v1", rampUpEnd + 1, 2_000L, 350L));
        stats.joinToResult.add(new SwarmStats.JoinToResult("casual-3v3", rampUpEnd + 2, 500L, 280L));

        SwarmReport report = SwarmReport.of("http://127.0.0.1:8080/", 4, 10.0, 0.1, rampUpEnd, stats);

        assertThat(report.matchFoundToResultAfterRampUp().count()).isEqualTo(3);
        assertThat(report.matchFoundToResultAfterRampUp().maxMillis()).isEqualTo(350L);
        assertThat(report.joinToResultByQueue()).containsOnlyKeys("casual-3v3", "ranked-1v1");
        assertThat(report.joinToResultByQueue().get("ranked-1v1").count()).isEqualTo(2);
        assertThat(report.joinToResultByQueue().get("ranked-1v1").maxMillis()).isEqualTo(3_000L);
        assertThat(report.joinToResultByQueue().get("casual-3v3").maxMillis()).isEqualTo(500L);
    }
}
