package io.ludus.ingress.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ludus.ingress.Http;
import io.ludus.ingress.IngressInfrastructure;
import io.ludus.security.AccessTokens;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingress with {@code serve-replays} in front of an HTTP server that answers as the replay API does (status, typed
 * error body, ETag, ranges) and records what reaches it. The replay API itself runs behind ingress in
 * DistributedClusterTest; here each rule of the pass-through is checked on its own.
 */
@Tag("integration")
@Timeout(120)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayDownloadsTest implements TestPropertyProvider {

    private static final byte[] REPLAY = "LUDR-replay-bytes-0123456789".getBytes(StandardCharsets.US_ASCII);
    private static final String ETAG = "\"abc123\"";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    record Seen(String path, String query, String authorization, String range, String ifNoneMatch) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer replayApi;

    @Inject
    EmbeddedServer server;
    @Inject
    AccessTokens tokens;

    @Override
    public Map<String, String> getProperties() {
        try {
            replayApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        replayApi.createContext("/v1/replays/", this::answerAsTheReplayApi);
        replayApi.start();
        Map<String, String> properties = new HashMap<>(IngressInfrastructure.properties());
        properties.put(QueryProperties.SERVE_REPLAYS, "true");
        // two instances, the first one down: calls take turns, so every rule below is also checked across a failover
        properties.put("ludus.ingress.queries.replay-api-url",
                "http://127.0.0.1:" + deadPort() + ", http://127.0.0.1:" + replayApi.getAddress().getPort() + "/");
        return properties;
    }

    private static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void stopReplayApi() {
        replayApi.stop(0);
    }

    @BeforeEach
    void forget() {
        seen.clear();
    }

    /** m-1 exists and belongs to its participants or a holder of share "s3cret"; anything else is the API's 404. */
    private void answerAsTheReplayApi(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String range = exchange.getRequestHeaders().getFirst("Range");
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        seen.add(new Seen(uri.getPath(), uri.getRawQuery(), auth, range, ifNoneMatch));
        boolean allowed = auth != null && tokens.verify(auth.substring("Bearer ".length())).isPresent()
                || "share=s3cret".equals(uri.getRawQuery());
        if (auth == null && uri.getRawQuery() == null) {
            json(exchange, 401, "{\"code\":\"UNAUTHENTICATED\",\"message\":\"a bearer token or a share link is required\"}");
        } else if (!uri.getPath().equals("/v1/replays/m-1") || !allowed) {
            json(exchange, 404, "{\"code\":\"NOT_FOUND\",\"message\":\"no replay for this match that you may see\"}");
        } else {
            exchange.getResponseHeaders().add("ETag", ETAG);
            exchange.getResponseHeaders().add("Cache-Control", "private, max-age=31536000, immutable");
            exchange.getResponseHeaders().add("Accept-Ranges", "bytes");
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            if (ETAG.equals(ifNoneMatch)) {
                exchange.sendResponseHeaders(304, -1);
            } else if ("bytes=0-3".equals(range)) {
                exchange.getResponseHeaders().add("Content-Range", "bytes 0-3/" + REPLAY.length);
                exchange.sendResponseHeaders(206, 4);
                exchange.getResponseBody().write(REPLAY, 0, 4);
            } else {
                exchange.sendResponseHeaders(200, REPLAY.length);
                exchange.getResponseBody().write(REPLAY);
            }
        }
        exchange.close();
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + pathAndQuery)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String loginToken(String name) {
        return (String) Http.login(server.getURL(), name).get("accessToken");
    }

    @Test
    void playerGetsTheReplayWithItsCachingHeadersAndItsTokenStaysOnIngress() throws Exception {
        String token = loginToken("replay-ann");
        UUID player = tokens.verify(token).orElseThrow().playerId();

        HttpResponse<byte[]> response = get("/v1/replays/m-1", "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(REPLAY);
        assertThat(response.headers().firstValue("ETag")).hasValue(ETAG);
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("private, max-age=31536000, immutable");
        assertThat(response.headers().map()).doesNotContainKeys("expires", "last-modified");
        assertThat(response.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        Seen upstream = seen.getFirst();
        assertThat(upstream.authorization()).as("a token ingress minted, not the client's").isNotEqualTo("Bearer " + token);
        assertThat(tokens.verify(upstream.authorization().substring("Bearer ".length())).orElseThrow().playerId()).isEqualTo(player);
    }

    @Test
    void rangeAndConditionalRequestsAreAnsweredByTheReplayApi() throws Exception {
        String token = loginToken("replay-bob");

        HttpResponse<byte[]> partial = get("/v1/replays/m-1", "Authorization", "Bearer " + token, "Range", "bytes=0-3");
        HttpResponse<byte[]> unchanged = get("/v1/replays/m-1", "Authorization", "Bearer " + token, "If-None-Match", ETAG);

        assertThat(partial.statusCode()).isEqualTo(206);
        assertThat(partial.body()).isEqualTo(new byte[] {'L', 'U', 'D', 'R'});
        assertThat(partial.headers().firstValue("Content-Range")).hasValue("bytes 0-3/" + REPLAY.length);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(seen).extracting(Seen::range).containsExactly("bytes=0-3", null);
        assertThat(seen).extracting(Seen::ifNoneMatch).containsExactly(null, ETAG);
    }

    @Test
    void shareLinkWorksWithoutAnyToken() throws Exception {
        HttpResponse<byte[]> response = get("/v1/replays/m-1?share=s3cret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(REPLAY);
        assertThat(seen.getFirst().authorization()).isNull();
        assertThat(seen.getFirst().query()).isEqualTo("share=s3cret");
    }

    @Test
    void replayApiRefusalsReachTheClientWithTheirTypedCodes() throws Exception {
        String token = loginToken("replay-cid");

        HttpResponse<byte[]> anonymous = get("/v1/replays/m-1");
        HttpResponse<byte[]> badToken = get("/v1/replays/m-1", "Authorization", "Bearer not-a-token");
        HttpResponse<byte[]> unknown = get("/v1/replays/m-2", "Authorization", "Bearer " + token);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(new String(anonymous.body(), StandardCharsets.UTF_8)).contains("\"UNAUTHENTICATED\"");
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(seen.get(1).authorization()).as("an invalid token is not passed on").isNull();
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body(), StandardCharsets.UTF_8)).contains("\"NOT_FOUND\"");
        assertThat(unknown.headers().map()).as("an error is not cacheable").doesNotContainKeys("cache-control", "expires");
    }

    @Test
    void everyDownloadIsAnsweredWhileOneConfiguredInstanceIsDown() throws Exception {
        String token = loginToken("replay-fay");

        for (int i = 0; i < 4; i++) {
            HttpResponse<byte[]> response = get("/v1/replays/m-1", "Authorization", "Bearer " + token);

            assertThat(response.statusCode()).as("download %d", i).isEqualTo(200);
            assertThat(response.body()).isEqualTo(REPLAY);
        }
        assertThat(seen).hasSize(4);
    }

    @Test
    void malformedMatchIdIsRefusedWithoutAskingTheReplayApi() throws Exception {
        HttpResponse<byte[]> response = get("/v1/replays/m_1%2E%2E", "Authorization", "Bearer " + loginToken("replay-dan"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"MALFORMED_REQUEST\"");
        assertThat(seen).isEmpty();
    }

    @Test
    void unreachableReplayApiIsUnavailableWithRetryAfter() throws Exception {
        replayApi.stop(0);
        try {
            HttpResponse<byte[]> response = get("/v1/replays/m-1", "Authorization", "Bearer " + loginToken("replay-eve"));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"UNAVAILABLE\"");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        } finally {
            replayApi = HttpServer.create(new InetSocketAddress("127.0.0.1", replayApi.getAddress().getPort()), 0);
            replayApi.createContext("/v1/replays/", this::answerAsTheReplayApi);
            replayApi.start();
        }
    }
}
