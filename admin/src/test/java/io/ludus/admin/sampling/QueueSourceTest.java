package io.ludus.admin.sampling;

import com.sun.net.httpserver.HttpServer;
import io.ludus.admin.AdminSettings;
import io.ludus.matchmaker.service.QueueStatus;
import io.ludus.security.OperatorCredentials;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin service alone reads queue status from a matchmaker over HTTP, as the operator. */
class QueueSourceTest {

    private static final OperatorCredentials OPERATOR = new OperatorCredentials("operator", "queue-source-test-password");
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private HttpServer matchmaker;

    private URI serve(String body) throws Exception {
        matchmaker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        matchmaker.createContext("/v1/matchmaking/queues", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.get(), status.get() == 200 ? bytes.length : -1);
            if (status.get() == 200) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        matchmaker.start();
        return URI.create("http://127.0.0.1:" + matchmaker.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (matchmaker != null) {
            matchmaker.stop(0);
        }
    }

    @Test
    void asksTheConfiguredMatchmakerWithTheOperatorCredential() throws Exception {
        URI url = serve("""
                [{"queueId":"ranked-1v1","teamSize":1,"ranked":true,"depth":3,"waitP50Millis":1200,"waitP95Millis":4100,"matchesFormed":17}]""");
        QueueSource source = QueueSource.of(null, settings(url), OPERATOR, JsonMapper.createDefault());

        assertThat(source).isInstanceOf(QueueSource.Remote.class);
        assertThat(source.current()).hasValueSatisfying(queues -> assertThat(queues)
                .containsExactly(new QueueStatus("ranked-1v1", 1, true, 3, 1200, 4100, 17)));
        assertThat(authorization.get()).isEqualTo(OPERATOR.basicAuthorization());
    }

    @Test
    void aMatchmakerThatCannotAnswerForEveryQueueGivesNothing() throws Exception {
        URI url = serve("");
        status.set(503);
        QueueSource source = QueueSource.of(null, settings(url), OPERATOR, JsonMapper.createDefault());

        assertThat(source.current()).isEmpty();
    }

    @Test
    void aMatchmakerThatIsDownIsPassedOverForTheNextConfiguredOne() throws Exception {
        URI url = serve("""
                [{"queueId":"ranked-1v1","teamSize":1,"ranked":true,"depth":0,"waitP50Millis":0,"waitP95Millis":0,"matchesFormed":2}]""");
        URI down;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            down = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        AdminSettings settings = new AdminSettings(Duration.ofHours(8), Duration.ofSeconds(5), down + "," + url, null);
        QueueSource source = QueueSource.of(null, settings, OPERATOR, JsonMapper.createDefault());

        for (int i = 0; i < 3; i++) {
            assertThat(source.current()).as("sample %d", i).hasValueSatisfying(queues -> assertThat(queues).hasSize(1));
        }
    }

    @Test
    void withoutALocalMatchmakerOrAUrlThereIsNoSource() {
        assertThat(QueueSource.of(null, settings(null), OPERATOR, JsonMapper.createDefault())).isInstanceOf(QueueSource.None.class);
    }

    @Test
    void aMatchmakerUrlThatIsNotHttpIsRefusedNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> settings(URI.create("matchmaker:8080")))
                .hasMessageContaining("ludus.admin.matchmaker-url");
    }

    private static AdminSettings settings(URI matchmakerUrl) {
        return new AdminSettings(Duration.ofHours(8), Duration.ofSeconds(5), matchmakerUrl == null ? null : matchmakerUrl.toString(), null);
    }
}
