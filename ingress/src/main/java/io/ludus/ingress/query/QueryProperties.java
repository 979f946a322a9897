package io.ludus.ingress.query;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;

/**
 * Settings under {@code ludus.ingress.queries}: where query frames are answered from, and where replay downloads go.
 *
 * @param projectionsUrl base URL of the projections' query API; unset, those queries answer NOT_AVAILABLE (default none)
 * @param replayApiUrl   base URL of the replay API for replay links and, with serve-replays, replay downloads; unset,
 *                       NOT_AVAILABLE (default none)
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

    public QueryProperties {
        projectionsUrl = base("ludus.ingress.queries.projections-url", projectionsUrl);
        replayApiUrl = base("ludus.ingress.queries.replay-api-url", replayApiUrl);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ludus.ingress.queries.timeout must be a positive duration, was " + timeout);
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("ludus.ingress.queries.max-response-bytes must be >= 1024, was " + maxResponseBytes);
        }
    }

    private static String base(String key, String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI parsed;
        try {
            parsed = URI.create(url.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + url);
        }
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme()) || parsed.getHost() == null) {
            throw new IllegalArgumentException(key + " must be an http(s) URL with a host, was " + url);
        }
        String stripped = url.strip();
        return stripped.endsWith("/") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
