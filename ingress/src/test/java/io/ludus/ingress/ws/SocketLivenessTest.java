package io.ludus.ingress.ws;

import io.ludus.ingress.Http;
import io.ludus.ingress.IngressInfrastructure;
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
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(240)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketLivenessTest implements TestPropertyProvider {

    private static final AtomicInteger PLAYERS = new AtomicInteger();

    @Inject
    EmbeddedServer server;
    @Inject
    Sockets sockets;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(IngressInfrastructure.properties());
        properties.put("ludus.ingress.socket.ping-interval", "300ms");
        properties.put("ludus.ingress.socket.pong-timeout", "300ms");
        properties.put("ludus.ingress.socket.idle-timeout", "4s");
        properties.put("ludus.ingress.socket.max-outbound-bytes", "65536");
        properties.put("ludus.ingress.socket.max-sockets-per-player", "2");
        properties.put("ludus.ingress.socket.rate-strikes", "5");
        // the slow client must reach its outbound limit before the rate limit, so the budget is large
        properties.put("ludus.ingress.command-rate-limit", "1000000");
        return properties;
    }

    private String token() {
        return (String) Http.login(server.getURL(), "live" + PLAYERS.incrementAndGet()).get("accessToken");
    }

    private URI socketUri() {
        return URI.create("ws://" + server.getHost() + ":" + server.getPort() + "/v1/ws");
    }

    @Test
    void closesAClientThatNeverAnswersPings() throws Exception {
        try (RawSocket client = RawSocket.open(server.getHost(), server.getPort(), token(), 65536)) {
            assertThat(client.readUntilClose()).isEqualTo(CloseCode.PING_TIMEOUT.code());
        }
    }

    @Test
    void keepsAClientThatAnswersPingsUntilItIdlesTooLong() throws Exception {
        try (TestSocket client = TestSocket.open(socketUri(), token())) {
            Thread.sleep(1500);
            assertThat(client.isOpen()).isTrue();
            assertThat(client.awaitClose()).isEqualTo(CloseCode.IDLE_TIMEOUT.code());
        }
    }

    @Test
    void disconnectsAClientThatNeverReadsAndTheHeapStaysBounded() throws Exception {
        long before = usedHeapAfterGc();
        long closedBefore = sockets.closed(CloseCode.SLOW_CONSUMER);
        int sent = 0;
        try (RawSocket client = RawSocket.open(server.getHost(), server.getPort(), token(), 4096)) {
            // every junk frame earns an error reply the client never reads
            try {
                while (sent < 2_000_000 && sockets.closed(CloseCode.SLOW_CONSUMER) == closedBefore) {
                    client.sendText("junk");
                    sent++;
                }
            } catch (IOException e) {
                // the server dropped the connection while we were writing
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (sockets.closed(CloseCode.SLOW_CONSUMER) == closedBefore && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(sockets.closed(CloseCode.SLOW_CONSUMER)).isEqualTo(closedBefore + 1);
            assertThat(client.serverClosed()).isTrue();
        }
        // the issue measured 533 MB of growth for 1,000,000 unread replies; bounded means a few MB at most
        assertThat(usedHeapAfterGc() - before).as("heap growth after %d unread replies", sent).isLessThan(32L << 20);
    }

    @Test
    void aThirdSocketOfOnePlayerClosesTheOldest() throws Exception {
        String token = token();
        try (TestSocket first = TestSocket.open(socketUri(), token);
             TestSocket second = TestSocket.open(socketUri(), token);
             TestSocket third = TestSocket.open(socketUri(), token)) {
            assertThat(first.awaitClose()).isEqualTo(CloseCode.SESSION_REPLACED.code());
            assertThat(second.isOpen()).isTrue();
            assertThat(third.isOpen()).isTrue();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
