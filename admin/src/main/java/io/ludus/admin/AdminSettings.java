package io.ludus.admin;

import io.ludus.service.InvalidSettingException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code ludus.admin}, the operator dashboard.
 *
 * @param sessionTtl     how long an operator's dashboard session lasts, more than 0 and at most 7d
 * @param sampleInterval how often the dashboard samples queues, simulations and consumer groups for its charts, 1s to 5m
 * @param matchmakerUrl  base URL of any matchmaker instance (it asks the others), for the queue pages when the
 *                       matchmaker does not run in this process (the admin service alone); called with the operator
 *                       credential. Unset: the queue pages show the local matchmaker, or say there is none
 */
@Context
@ConfigurationProperties("ludus.admin")
public record AdminSettings(
        @Bindable(defaultValue = "8h") Duration sessionTtl,
        @Bindable(defaultValue = "5s") Duration sampleInterval,
        @Nullable URI matchmakerUrl) {

    public static final String SAMPLE_INTERVAL = "ludus.admin.sample-interval";

    public AdminSettings {
        requireSessionTtl(sessionTtl);
        if (sampleInterval.compareTo(Duration.ofSeconds(1)) < 0 || sampleInterval.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new InvalidSettingException(SAMPLE_INTERVAL, "must be between 1s and 5m, was " + sampleInterval);
        }
        if (matchmakerUrl != null && (!matchmakerUrl.isAbsolute() || !List.of("http", "https").contains(matchmakerUrl.getScheme()))) {
            throw new InvalidSettingException("ludus.admin.matchmaker-url", "must be an http(s) URL such as http://matchmaker:8080, was " + matchmakerUrl);
        }
    }

    public static Duration requireSessionTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(7)) > 0) {
            throw new InvalidSettingException("ludus.admin.session-ttl", "must be more than 0 and at most 7d, was " + ttl);
        }
        return ttl;
    }
}
