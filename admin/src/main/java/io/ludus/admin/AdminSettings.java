package io.ludus.admin;

import io.ludus.service.InvalidSettingException;
import io.ludus.service.Upstreams;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings under {@code ludus.admin}, the operator dashboard.
 *
 * @param sessionTtl     how long an operator's dashboard session lasts, more than 0 and at most 7d
 * @param sampleInterval how often the dashboard samples queues, simulations and consumer groups for its charts, 1s to 5m
 * @param matchmakerUrl  base URL of any matchmaker instance (it asks the others), or several comma-separated (the next
 *                       is asked when one cannot answer), for the queue pages when the matchmaker does not run in this
 *                       process (the admin service alone); called with the operator credential. Unset: the queue pages
 *                       show the local matchmaker, or say there is none
 * @param simWorkerUrls  base URLs of the sim worker instances, comma-separated, whose /prometheus the simulations page
 *                       reads with the operator credential when no worker runs in this process (the admin service
 *                       alone). Unset: the page shows the workers in this process, or says there are none
 */
@Context
@ConfigurationProperties("ludus.admin")
public record AdminSettings(
        @Bindable(defaultValue = "8h") Duration sessionTtl,
        @Bindable(defaultValue = "5s") Duration sampleInterval,
        @Nullable String matchmakerUrl,
        @Nullable List<URI> simWorkerUrls) {

    public static final String SAMPLE_INTERVAL = "ludus.admin.sample-interval";
    static final String MATCHMAKER_URL = "ludus.admin.matchmaker-url";

    public AdminSettings {
        requireSessionTtl(sessionTtl);
        if (sampleInterval.compareTo(Duration.ofSeconds(1)) < 0 || sampleInterval.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new InvalidSettingException(SAMPLE_INTERVAL, "must be between 1s and 5m, was " + sampleInterval);
        }
        matchmakerUrl = Optional.ofNullable(matchmakers(matchmakerUrl, Clock.systemUTC())).map(Upstreams::toString).orElse(null);
        simWorkerUrls = simWorkerUrls == null ? List.of() : List.copyOf(simWorkerUrls);
        simWorkerUrls.forEach(url -> requireHttp("ludus.admin.sim-worker-urls", url));
    }

    /** The matchmaker instances the queue pages ask; null when none is configured. */
    public @Nullable Upstreams matchmakers(Clock clock) {
        return matchmakers(matchmakerUrl, clock);
    }

    private static @Nullable Upstreams matchmakers(@Nullable String urls, Clock clock) {
        return Upstreams.parse(MATCHMAKER_URL, urls, clock);
    }

    private static void requireHttp(String key, URI url) {
        if (url != null && (!url.isAbsolute() || !List.of("http", "https").contains(url.getScheme()))) {
            throw new InvalidSettingException(key, "must be an http(s) URL such as http://host:8080, was " + url);
        }
    }

    public static Duration requireSessionTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(7)) > 0) {
            throw new InvalidSettingException("ludus.admin.session-ttl", "must be more than 0 and at most 7d, was " + ttl);
        }
        return ttl;
    }
}
