package io.ludus.ingress.report;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings under {@code ludus.ingress.reports}.
 *
 * @param maxText    longest report text in characters (default 4000)
 * @param ratePerPlayer reports a player may submit per {@code ratePeriod}, counted per node (default 5)
 * @param ratePeriod window in which {@code ratePerPlayer} refills (default 1h)
 * @param maxTrackedPlayers players whose report buckets a node keeps; least recently seen are dropped (default 100000)
 */
@Context
@ConfigurationProperties("ludus.ingress.reports")
public record ReportProperties(
        @Bindable(defaultValue = "4000") int maxText,
        @Bindable(defaultValue = "5") int ratePerPlayer,
        @Bindable(defaultValue = "1h") Duration ratePeriod,
        @Bindable(defaultValue = "100000") int maxTrackedPlayers) {

    public ReportProperties {
        if (maxText < 1 || maxText > 32768) {
            throw new IllegalArgumentException("ludus.ingress.reports.max-text must be between 1 and 32768, was " + maxText);
        }
        if (ratePerPlayer < 1) {
            throw new IllegalArgumentException("ludus.ingress.reports.rate-per-player must be > 0, was " + ratePerPlayer);
        }
        if (ratePeriod == null || ratePeriod.isNegative() || ratePeriod.isZero()) {
            throw new IllegalArgumentException("ludus.ingress.reports.rate-period must be a positive duration, was " + ratePeriod);
        }
        if (maxTrackedPlayers < 1) {
            throw new IllegalArgumentException("ludus.ingress.reports.max-tracked-players must be > 0, was " + maxTrackedPlayers);
        }
    }
}
