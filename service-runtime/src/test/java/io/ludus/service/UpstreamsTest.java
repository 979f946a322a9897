package io.ludus.service;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
class UpstreamsTest {

    private static final String KEY = "ludus.test.upstream-url";
    private final MovableClock clock = new MovableClock();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void parsesACommaSeparatedListWithoutTrailingSlashesOrRepeats() {
        Upstreams upstreams = Upstreams.parse(KEY, " http://a:8080/, https://b:8443 ,,http://a:8080", clock);

        assertThat(upstreams.bases()).containsExactly("http://a:8080", "https://b:8443");
        assertThat(upstreams).hasToString("http://a:8080,https://b:8443");
    }

    @Test
    void unsetOrBlankIsNoUpstream() {
        assertThat(Upstreams.parse(KEY, null, clock)).isNull();
        assertThat(Upstreams.parse(KEY, " , ", clock)).isNull();
    }

    @Test
    void aBadEntryFailsNamingTheKey() {
        assertThatThrownBy(() -> Upstreams.parse(KEY, "http://a:8080,ftp://b", clock))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(KEY).hasMessageContaining("ftp://b");
        assertThatThrownBy(() -> Upstreams.parse(KEY, "http://a b", clock))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining(KEY);
    }

    @Test
    void callsTakeTurnsOverTheInstances() {
        Upstreams upstreams = Upstreams.parse(KEY, "http://a,http://b,http://c", clock);

        List<String> firsts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            firsts.add(upstreams.order().getFirst());
        }

        assertThat(firsts).containsExactly("http://a", "http://b", "http://c", "http://a", "http://b", "http://c");
    }

    @Test
    void anInstanceThatFailedIsTriedLastUntilItsTimeIsUpOrItAnswers() {
        Upstreams upstreams = Upstreams.parse(KEY, "http://a,http://b", clock);
        upstreams.failed("http://a");

        assertThat(upstreams.order()).containsExactly("http://b", "http://a");
        assertThat(upstreams.order()).containsExactly("http://b", "http://a");

        clock.advance(Upstreams.PASSED_OVER);
        assertThat(List.of(upstreams.order().getFirst(), upstreams.order().getFirst())).containsExactlyInAnyOrder("http://a", "http://b");

        upstreams.failed("http://b");
        upstreams.answered("http://b");
        assertThat(List.of(upstreams.order().getFirst(), upstreams.order().getFirst())).containsExactlyInAnyOrder("http://a", "http://b");
    }

    @Test
    void aCallGoesOnPastARefusedConnectionAndA503ToAnInstanceThatAnswers() throws Exception {
        String refusing = "http://127.0.0.1:" + deadPort();
        String overloaded = serve(503, "busy");
        String healthy = serve(200, "ok");
        Upstreams upstreams = Upstreams.parse(KEY, String.join(",", refusing, overloaded, healthy), clock);

        for (int call = 0; call < 3; call++) {
            HttpResponse<String> blocking = upstreams.send(http, get("/x"), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> async = upstreams.sendAsync(http, get("/x"), HttpResponse.BodyHandlers.ofString()).join();

            assertThat(blocking.body()).as("call %d", call).isEqualTo("ok");
            assertThat(async.body()).as("call %d", call).isEqualTo("ok");
        }
        assertThat(upstreams.order().getFirst()).as("the two that failed are passed over").isEqualTo(healthy);
    }

    @Test
    void whenNoInstanceCanAnswerTheLastAnswerOrFailureIsTheCallers() throws Exception {
        Upstreams overloaded = Upstreams.parse(KEY, serve(503, "busy") + "," + serve(504, "slow"), clock);
        HttpResponse<String> answer = overloaded.send(http, get("/x"), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isIn(503, 504);

        Upstreams down = Upstreams.parse(KEY, "http://127.0.0.1:" + deadPort() + ",http://127.0.0.1:" + deadPort(), clock);
        assertThatThrownBy(() -> down.send(http, get("/x"), HttpResponse.BodyHandlers.ofString())).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> down.sendAsync(http, get("/x"), HttpResponse.BodyHandlers.ofString()).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void aRefusalThatIsNotAboutCapacityIsAnsweredWithoutTryingAnother() throws Exception {
        String notFound = serve(404, "no such thing");
        String healthy = serve(200, "ok");
        Upstreams upstreams = Upstreams.parse(KEY, notFound + "," + healthy, clock);

        HttpResponse<String> answer = upstreams.send(http, get("/x"), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(404);
    }

    private static Function<String, HttpRequest> get(String path) {
        return base -> HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).GET().build();
    }

    private String serve(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
