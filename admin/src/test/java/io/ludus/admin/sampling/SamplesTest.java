package io.ludus.admin.sampling;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SamplesTest {

    @Test
    void keepsOnlyTheLastHourAndABoundedNumberOfPoints() {
        Samples samples = new Samples(Duration.ofSeconds(5));
        long start = 0;
        for (int i = 0; i < 2_000; i++) {
            samples.record("queue.depth.q", start + i * 5_000L, i);
        }
        var points = samples.get("queue.depth.q").points();
        assertThat(points.size()).isLessThanOrEqualTo(721);
        assertThat(points.getLast().value()).isEqualTo(1_999);
        assertThat(points.getLast().atMillis() - points.getFirst().atMillis()).isLessThanOrEqualTo(Duration.ofHours(1).toMillis());
    }

    @Test
    void stopsAddingSeriesBeyondItsCap() {
        Samples samples = new Samples(Duration.ofSeconds(5));
        for (int i = 0; i < Samples.MAX_SERIES + 10; i++) {
            samples.record("group.lag.g" + i, 0, 1);
        }
        assertThat(samples.get("group.lag.g" + (Samples.MAX_SERIES + 5)).points()).isEmpty();
        assertThat(samples.get("group.lag.g0").last()).isEqualTo(1.0);
    }

    @Test
    void matchesPerMinuteComeFromTheCountersDifferenceBetweenSamples() {
        var before = new AdminSampler.Formed(0, 100);

        assertThat(before.perMinuteUntil(30_000, 106)).isEqualTo(12.0);
        assertThat(before.perMinuteUntil(30_000, 90)).as("the counter restarted: no rate").isNull();
        assertThat(before.perMinuteUntil(0, 106)).isNull();
    }
}
