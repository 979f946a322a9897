package io.ludus.ingress.query;

import io.ludus.events.queue.QueueDefinitions;
import io.ludus.ingress.ws.ClientFrameType;
import io.ludus.ingress.ws.CommandRejectedException;
import io.ludus.ingress.ws.ErrorCode;
import io.ludus.security.AccessTokens;
import io.ludus.service.Upstreams;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Answers query frames from the read side: the projections' query API for stats, ratings,
 * leaderboards, friends and match history; the replay API for signed, expiring replay links.
 * Ingress calls them on the player's behalf with a one-minute token for that player. Until an API
 * is configured its queries answer NOT_AVAILABLE.
 */
@Singleton
public class Queries {

    private static final Logger LOG = LoggerFactory.getLogger(Queries.class);
    static final int MAX_PAGE_SIZE = 100;
    static final int DEFAULT_PAGE_SIZE = 20;
    /** The {@code sid} of tokens ingress mints for its own upstream calls: no client session. */
    static final UUID UPSTREAM_SESSION = new UUID(0, 0);
    static final int MAX_RADIUS = 50;
    static final int DEFAULT_RADIUS = 5;
    private static final Pattern MATCH_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    /** The projections' cursors are base64url. */
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{1,512}={0,2}");
    private static final Pattern SEASON = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final QueryProperties properties;
    private final ReadSide readSide;
    private final QueueDefinitions queues;
    private final AccessTokens tokens;
    private final JsonMapper json;
    private final HttpClient http;

    Queries(QueryProperties properties, ReadSide readSide, QueueDefinitions queues, AccessTokens tokens, JsonMapper json) {
        this.properties = properties;
        this.readSide = readSide;
        this.queues = queues;
        this.tokens = tokens;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Completes with the result frame, or exceptionally with a {@link CommandRejectedException}. */
    public CompletableFuture<QueryResult> answer(String playerId, String id, ClientFrameType type, JsonNode frame) {
        try {
            Upstream call = route(playerId, type, frame);
            if (call.instances() == null) {
                throw new CommandRejectedException(ErrorCode.NOT_AVAILABLE, "this server does not answer " + type.wireName() + " yet");
            }
            String authorization = "Bearer " + tokens.sign(UUID.fromString(playerId), UPSTREAM_SESSION, Duration.ofMinutes(1));
            return call.instances().sendAsync(http, base -> {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
                        .timeout(properties.timeout())
                        .header("Accept", "application/json")
                        .header("Authorization", authorization);
                return (call.post() ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET()).build();
            }, this::bounded).handle((response, error) -> result(id, type, response, error));
        } catch (CommandRejectedException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The projections' query API routes (projections/.../api); paging is by their opaque keyset cursors. */
    private Upstream route(String playerId, ClientFrameType type, JsonNode frame) throws CommandRejectedException {
        Upstreams p = readSide.projections();
        return switch (type) {
            case QUERY_STATS -> new Upstream(p, "/v1/players/" + playerId + "/stats", false);
            case QUERY_RATING -> new Upstream(p, "/v1/players/" + playerId + "/rating", false);
            case QUERY_FRIENDS -> new Upstream(p, "/v1/me/" + friendList(frame), false);
            case QUERY_MATCHES -> new Upstream(p, "/v1/players/" + playerId + "/matches?limit="
                    + integer(frame, "size", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE) + cursor(frame), false);
            case QUERY_LEADERBOARD -> {
                String board = optionalQueue(frame) + season(frame);
                JsonNode around = frame.get("around");
                if (around != null && !around.isNull()) {
                    if (!around.isString() || !"me".equals(around.getStringValue()) || frame.get("after") != null) {
                        throw invalid("around must be \"me\", and cannot be combined with after");
                    }
                    yield new Upstream(p, "/v1/leaderboards/around-me?radius=" + integer(frame, "size", 1, MAX_RADIUS, DEFAULT_RADIUS)
                            + board, false);
                }
                yield new Upstream(p, "/v1/leaderboards?limit=" + integer(frame, "size", 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)
                        + board + cursor(frame), false);
            }
            case QUERY_REPLAY_LINK -> {
                JsonNode match = frame.get("matchId");
                if (match == null || !match.isString() || !MATCH_ID.matcher(match.getStringValue()).matches()) {
                    throw invalid("matchId must be 1 to 64 of A-Z, a-z, 0-9 and '-'");
                }
                yield new Upstream(readSide.replayApi(), "/v1/replays/" + match.getStringValue() + "/share", true);
            }
            default -> throw new CommandRejectedException(ErrorCode.UNKNOWN_TYPE, type.wireName() + " is not a query");
        };
    }

    private static String friendList(JsonNode frame) throws CommandRejectedException {
        JsonNode list = frame.get("list");
        String name = list == null || list.isNull() ? "friends" : list.isString() ? list.getStringValue() : "";
        return switch (name) {
            case "friends" -> "friends";
            case "incoming" -> "friend-requests/incoming";
            case "outgoing" -> "friend-requests/outgoing";
            case "blocked" -> "blocks";
            default -> throw invalid("list must be one of friends, incoming, outgoing, blocked");
        };
    }

    private static String cursor(JsonNode frame) throws CommandRejectedException {
        JsonNode after = frame.get("after");
        if (after == null || after.isNull()) {
            return "";
        }
        if (!after.isString() || !CURSOR.matcher(after.getStringValue()).matches()) {
            throw invalid("after must be the cursor a previous page returned");
        }
        return "&after=" + after.getStringValue();
    }

    private String optionalQueue(JsonNode frame) throws CommandRejectedException {
        JsonNode queue = frame.get("queue");
        if (queue == null || queue.isNull()) {
            return "";
        }
        if (!queue.isString() || queues.find(queue.getStringValue()).isEmpty()) {
            throw invalid("queue must be one of " + queues.ids() + ", or absent for the global board");
        }
        return "&queue=" + queue.getStringValue();
    }

    private static String season(JsonNode frame) throws CommandRejectedException {
        JsonNode season = frame.get("season");
        if (season == null || season.isNull()) {
            return "";
        }
        if (!season.isString() || !SEASON.matcher(season.getStringValue()).matches()) {
            throw invalid("season must be a season id (a-z, 0-9, '-', at most 32)");
        }
        return "&season=" + season.getStringValue();
    }

    private HttpResponse.BodySubscriber<byte[]> bounded(HttpResponse.ResponseInfo info) {
        long length = info.headers().firstValueAsLong("content-length").orElse(-1);
        if (length > properties.maxResponseBytes()) {
            return HttpResponse.BodySubscribers.replacing(null);
        }
        return HttpResponse.BodySubscribers.ofByteArray();
    }

    private QueryResult result(String id, ClientFrameType type, HttpResponse<byte[]> response, Throwable error) {
        if (error != null) {
            LOG.warn("{} upstream failed: {}", type.wireName(), error.toString());
            throw rejected(ErrorCode.UNAVAILABLE, "the answer could not be fetched; try again");
        }
        int status = response.statusCode();
        if (status == 404) {
            throw rejected(ErrorCode.NOT_FOUND, "nothing found");
        }
        if (status == 403) {
            throw rejected(ErrorCode.NOT_FOUND, "nothing found");
        }
        if (status / 100 != 2 || response.body() == null || response.body().length > properties.maxResponseBytes()) {
            LOG.warn("{} upstream answered HTTP {}", type.wireName(), status);
            throw rejected(ErrorCode.UNAVAILABLE, "the answer could not be fetched; try again");
        }
        try {
            return new QueryResult(id, json.readValue(response.body(), Argument.of(JsonNode.class)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} upstream answered something that is not JSON", type.wireName());
            throw rejected(ErrorCode.UNAVAILABLE, "the answer could not be fetched; try again");
        }
    }

    private static int integer(JsonNode frame, String field, int min, int max, int fallback) throws CommandRejectedException {
        JsonNode node = frame.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.getNumberValue().doubleValue() != node.getIntValue()
                || node.getIntValue() < min || node.getIntValue() > max) {
            throw invalid(field + " must be an integer from " + min + " to " + max);
        }
        return node.getIntValue();
    }

    private static CommandRejectedException invalid(String message) {
        return new CommandRejectedException(ErrorCode.INVALID_COMMAND, message);
    }

    /** Unchecked carrier so a failure inside the async chain keeps its code; unwrapped by the caller. */
    private static RuntimeException rejected(ErrorCode code, String message) {
        return new java.util.concurrent.CompletionException(new CommandRejectedException(code, message));
    }

    private record Upstream(@Nullable Upstreams instances, String path, boolean post) {}
}
