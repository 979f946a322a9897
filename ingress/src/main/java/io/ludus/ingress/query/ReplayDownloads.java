package io.ludus.ingress.query;

import io.ludus.security.AccessTokens;
import io.ludus.service.Upstreams;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Replay downloads on an ingress node that does not hold the replay API: {@code GET /v1/replays/{matchId}} and its
 * {@code /summary} are passed on to {@code ludus.ingress.queries.replay-api-url} (the next instance when one cannot
 * answer), so the relative replay URI a player is
 * told, and a share link, work against whichever node the client talks to. The replay API decides who may see what,
 * and its answer (status, typed error body, ETag, ranges) reaches the client unchanged. The client's own token never
 * leaves this node: a player it authenticates is named upstream by a one-minute token, a share link is passed as is.
 */
@Controller("/v1/replays")
@Requires(property = QueryProperties.SERVE_REPLAYS, value = "true")
@Secured(SecurityRule.IS_ANONYMOUS) // the replay API refuses a request with neither a player nor a share link
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReplayDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayDownloads.class);
    private static final Pattern MATCH_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** The replay API's headers that a client's caching and range requests depend on. */
    private static final List<String> RELAYED = List.of(HttpHeaders.ETAG, HttpHeaders.CACHE_CONTROL,
            HttpHeaders.ACCEPT_RANGES, HttpHeaders.CONTENT_RANGE, HttpHeaders.RETRY_AFTER);

    private final QueryProperties properties;
    private final ReadSide readSide;
    private final AccessTokens tokens;
    private final HttpClient http;

    ReplayDownloads(QueryProperties properties, ReadSide readSide, AccessTokens tokens) {
        this.properties = properties;
        this.readSide = readSide;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Get("/{matchId}")
    HttpResponse<?> replay(@PathVariable String matchId, @Nullable @QueryValue String share,
                           @Nullable Authentication authentication,
                           @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                           @Nullable @Header(HttpHeaders.RANGE) String range) {
        return pass(matchId, "", share, authentication, ifNoneMatch, range);
    }

    @Get("/{matchId}/summary")
    HttpResponse<?> summary(@PathVariable String matchId, @Nullable @QueryValue String share,
                            @Nullable Authentication authentication) {
        return pass(matchId, "/summary", share, authentication, null, null);
    }

    private HttpResponse<?> pass(String matchId, String suffix, @Nullable String share, @Nullable Authentication authentication,
                                 @Nullable String ifNoneMatch, @Nullable String range) {
        Upstreams replayApi = readSide.replayApi();
        if (replayApi == null) {
            throw new ApiException(ApiErrorCode.NOT_AVAILABLE, "this server does not serve replays");
        }
        if (!MATCH_ID.matcher(matchId).matches()) {
            throw new ApiException(ApiErrorCode.MALFORMED_REQUEST, "matchId must be 1 to 64 of A-Z, a-z, 0-9 and '-'");
        }
        String query = share == null ? "" : "?share=" + URLEncoder.encode(share, UTF_8);
        String authorization = authentication == null ? null
                : "Bearer " + tokens.sign(UUID.fromString(authentication.getName()), Queries.UPSTREAM_SESSION, Duration.ofMinutes(1));
        Function<String, HttpRequest> toInstance = base -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/replays/" + matchId + suffix + query))
                    .timeout(properties.timeout())
                    .GET();
            if (authorization != null) {
                request.header(HttpHeaders.AUTHORIZATION, authorization);
            }
            if (ifNoneMatch != null) {
                request.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
            }
            if (range != null) {
                request.header(HttpHeaders.RANGE, range);
            }
            return request.build();
        };
        java.net.http.HttpResponse<InputStream> upstream;
        try {
            upstream = replayApi.send(http, toInstance, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            LOG.warn("replay API failed for match {}: {}", matchId, e.toString());
            throw new ApiException(ApiErrorCode.UNAVAILABLE, "the replay could not be fetched; try again", Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiErrorCode.UNAVAILABLE, "the replay could not be fetched; try again", Duration.ofSeconds(1));
        }
        return relay(upstream);
    }

    /** The replay API's answer as the client's: status, the headers in {@link #RELAYED}, and the body streamed through. */
    private static HttpResponse<?> relay(java.net.http.HttpResponse<InputStream> upstream) {
        MutableHttpResponse<Object> response = HttpResponse.status(HttpStatus.valueOf(upstream.statusCode()));
        for (String name : RELAYED) {
            upstream.headers().firstValue(name).ifPresent(value -> response.header(name, value));
        }
        long length = upstream.headers().firstValueAsLong(HttpHeaders.CONTENT_LENGTH).orElse(-1);
        if (length == 0 || upstream.statusCode() == HttpStatus.NOT_MODIFIED.getCode()) {
            close(upstream.body());
            return response;
        }
        upstream.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> response.contentType(MediaType.of(type)));
        // streamed as it arrives (chunked); a StreamedFile would keep the length, but would also add a file's
        // Last-Modified and Expires and answer If-Modified-Since itself
        return response.body(upstream.body());
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            LOG.debug("closing an empty replay API answer failed: {}", e.toString()); // the connection is dropped anyway
        }
    }
}
