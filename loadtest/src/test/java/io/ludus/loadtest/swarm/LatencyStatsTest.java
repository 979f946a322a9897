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
        stats.joinToResult.add(new SwarmStats.JoinToResult(1_000L, 100L));
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
        stats.joinToResult.add(new SwarmStats.JoinToResult(rampUpEnd - 1, 9_000L)); // a cold server's backlog
        stats.joinToResult.add(new SwarmStats.JoinToResult(rampUpEnd, 300L));
        stats.joinToResult.add(new SwarmStats.JoinToResult(rampUpEnd + 1_000_000L, 500L));
        SwarmReport report = SwarmReport.of("http://127.0.0.1:8080/", 2, 10.0, 0.1, rampUpEnd, stats);
        assertThat(report.joinToResult().count()).isEqualTo(3);
        assertThat(report.joinToResult().maxMillis()).isEqualTo(9_000L);
        assertThat(report.joinToResultAfterRampUp().count()).isEqualTo(2);
        assertThat(report.joinToResultAfterRampUp().maxMillis()).isEqualTo(500L);
    }
}
