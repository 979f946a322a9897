package io.ludus.ingress.query;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import io.ludus.service.Upstreams;

import java.time.Clock;
import java.time.Duration;

/**
 * Settings under {@code ludus.ingress.queries}: where query frames are answered from, and where replay downloads go.
 *
 * @param projectionsUrl base URL of the projections' query API, or several comma-separated (one per instance: calls
 *                       take turns and pass over one that fails); unset, those queries answer NOT_AVAILABLE (default none)
 * @param replayApiUrl   base URL of the replay API for replay links and, with serve-replays, replay downloads, or several
 *                       comma-separated like projections-url; unset, NOT_AVAILABLE (default none)
 * @param timeout        per upstream call; slower answers become UNAVAILABLE (default 3s)
 * @param maxResponseBytes largest upstream answer to a query frame relayed to a client (default 262144)
 * @param serveReplays   answer replay downloads (GET /v1/replays/ID and its /summary) by passing them on to
 *                       replay-api-url, so the relative replay URI of MatchResultReady and share links work on any
 *                       ingress node; the ingress service (IngressMain) turns it on, the standalone server serves
 *                       replays in its own process (default false)
 */
@Context
@ConfigurationProperties("ludus.ingress.queries")
public record QueryProperties(
        @Nullable String projectionsUrl,
        @Nullable String replayApiUrl,
        @Bindable(defaultValue = "3s") Duration timeout,
        @Bindable(defaultValue = "262144") int maxResponseBytes,
        @Bindable(defaultValue = "false") boolean serveReplays) {

    public static final String SERVE_REPLAYS = "ludus.ingress.queries.serve-replays";
    static final String PROJECTIONS_URL = "ludus.ingress.queries.projections-url";
    static final String REPLAY_API_URL = "ludus.ingress.queries.replay-api-url";

    public QueryProperties {
        projectionsUrl = normalized(PROJECTIONS_URL, projectionsUrl);
        replayApiUrl = normalized(REPLAY_API_URL, replayApiUrl);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ludus.ingress.queries.timeout must be a positive duration, was " + timeout);
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("ludus.ingress.queries.max-response-bytes must be >= 1024, was " + maxResponseBytes);
        }
    }

    /** The projections' instances; null when unset. */
    public @Nullable Upstreams projections(Clock clock) {
        return Upstreams.parse(PROJECTIONS_URL, projectionsUrl, clock);
    }

    /** The replay API's instances; null when unset. */
    public @Nullable Upstreams replayApi(Clock clock) {
        return Upstreams.parse(REPLAY_API_URL, replayApiUrl, clock);
    }

    private static @Nullable String normalized(String key, @Nullable String urls) {
        Upstreams parsed = Upstreams.parse(key, urls, Clock.systemUTC());
        return parsed == null ? null : parsed.toString();
    }
}
