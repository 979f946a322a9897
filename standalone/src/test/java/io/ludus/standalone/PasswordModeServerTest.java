package io.ludus.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The custom-server case: {@code ludus start --auth password --bind 0.0.0.0}, and a player reaching
 * it through a network address (not loopback) registers, logs in and queues; offline login is off.
 */
@Tag("integration")
@Timeout(300)
class PasswordModeServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;
    static LudusServer server;
    static URI http;
    static URI ws;

    @BeforeAll
    static void start() throws Exception {
        Optional<InetAddress> network = networkAddress();
        assumeTrue(network.isPresent(), "this machine has no non-loopback IPv4 address");
        StandaloneConfig config = StandaloneConfig.parse(new String[] {"--data-dir", dataDir.toString(),
                "--auth", "password", "--bind", "0.0.0.0",
                "--http-port", "0", "--kafka-port", "0", "--kafka-controller-port", "0", "--registry-port", "0",
                "--postgres-port", "0"}, Map.of());
        server = LudusServer.start(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String host = network.get().getHostAddress();
        http = URI.create("http://" + host + ":" + server.httpUri().getPort());
        ws = URI.create("ws://" + host + ":" + server.httpUri().getPort() + "/v1/ws");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPlayerOnAnotherAddressRegistersLogsInAndQueues() throws Exception {
        HttpResponse<String> registered = post("/v1/auth/register", "{\"name\":\"remote\",\"password\":\"a fine long password\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> login = post("/v1/auth/password", "{\"name\":\"remote\",\"password\":\"a fine long password\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String token = LudusTestClient.JSON.readTree(login.body()).path("accessToken").asText();

        LudusTestClient.Socket socket = LudusTestClient.connect(ws, token);
        try {
            socket.send(LudusTestClient.queueJoin("join-1", "ranked-3v3", 7));
            JsonNode reply = socket.awaitReply("join-1", Duration.ofSeconds(30));
            assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("ack");
        } finally {
            socket.close();
        }
    }

    @Test
    void offlineLoginIsOff() throws Exception {
        HttpResponse<String> refused = post("/v1/auth/offline", "{\"name\":\"sneaky\"}");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(LudusTestClient.JSON.readTree(refused.body()).path("code").asText()).isEqualTo("LOGIN_MODE_DISABLED");
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(http.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<InetAddress> networkAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }
}
