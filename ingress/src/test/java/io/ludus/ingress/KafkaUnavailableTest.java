package io.ludus.ingress;

import io.ludus.ingress.queue.Loadouts;
import io.ludus.ingress.ws.TestSocket;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ingress pointed at a port where no broker listens: commands fail with UNAVAILABLE and health is DOWN. */
@Tag("integration")
@Timeout(120)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@Property(name = "ludus.kafka.delivery-timeout", value = "1s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaUnavailableTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(IngressInfrastructure.properties());
        properties.put("ludus.kafka.bootstrap-servers", "127.0.0.1:" + closedPort());
        return properties;
    }

    @Test
    void commandGetsUnavailableWhenKafkaDoesNotConfirm() throws Exception {
        String token = (String) Http.login(server.getURL(), "offline-kafka").get("accessToken");
        URI uri = URI.create("ws://" + server.getHost() + ":" + server.getPort() + "/v1/ws");
        try (TestSocket socket = TestSocket.open(uri, token)) {
            Map<String, Object> reply = socket.exchange(Loadouts.join("k1", "ranked-3v3", 100, Loadouts.VALID_TEAM));
            assertThat(reply).containsEntry("type", "error").containsEntry("id", "k1").containsEntry("code", "UNAVAILABLE");
        }
    }

    @Test
    void healthIsDownWhileKafkaIsUnreachable() {
        HttpResponse<String> response = Http.get(server.getURL(), "/health");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(Http.json(response)).containsEntry("status", "DOWN");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
