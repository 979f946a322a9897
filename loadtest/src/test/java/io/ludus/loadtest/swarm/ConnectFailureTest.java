package io.ludus.loadtest.swarm;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** A bot's failed socket open is counted by what failed, from the JDK client's real exceptions. */
@Timeout(30)
class ConnectFailureTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void nothingListeningIsRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        assertThat(Bot.connectFailure(open(port, Duration.ofSeconds(5)))).isEqualTo("WS_CONNECT_REFUSED");
    }

    @Test
    void anUpgradeAnsweredWithAStatusNamesIt() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            assertThat(Bot.connectFailure(open(server.getAddress().getPort(), Duration.ofSeconds(5)))).isEqualTo("WS_UPGRADE_HTTP_503");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anUpgradeNeverAnsweredTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(Bot.connectFailure(open(silent.getLocalPort(), Duration.ofMillis(500)))).isEqualTo("WS_OPEN_TIMEOUT");
        }
    }

    private Throwable open(int port, Duration timeout) {
        try {
            client.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/v1/ws"), new WebSocket.Listener() {}).join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("the socket opened");
    }
}
