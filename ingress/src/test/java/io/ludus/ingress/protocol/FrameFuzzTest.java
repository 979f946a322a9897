package io.ludus.ingress.protocol;

import io.ludus.events.command.PlayerCommand;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.ingress.Http;
import io.ludus.ingress.IngressInfrastructure;
import io.ludus.ingress.ws.ErrorCode;
import io.ludus.ingress.ws.TestSocket;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000+ random and malformed frames with valid commands interleaved, on one socket: every bad
 * frame gets a typed error (or, beyond the hard frame limit, a clean 1009 close), the server stays
 * up, and every valid command lands on player-commands exactly once while no bad frame lands at all.
 */
@Tag("integration")
@Timeout(900)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FrameFuzzTest implements TestPropertyProvider {

    static final int FRAMES = 10_500;
    static final long SEED = 20261202L;
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
    private static final String[] TYPES = {"queue.join", "queue.leave", "friend.request", "friend.accept", "friend.decline",
            "friend.cancel", "friend.remove", "block", "unblock", "report.submit", "query.stats", "query.rating",
            "query.leaderboard", "query.friends", "query.matches", "query.replay-link", "chat.say", "", "QUEUE.LEAVE"};

    @Inject
    EmbeddedServer server;
    @Inject
    @Named("ingress")
    SchemaRegistryClient registry;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(IngressInfrastructure.properties());
        // The fuzzer waits for each reply; the frame rate limit is another test's subject.
        properties.put("ludus.ingress.command-rate-limit", "1000000");
        properties.put("ludus.ingress.reports.rate-per-player", "1000000");
        return properties;
    }

    @Test
    void everyBadFrameGetsATypedErrorAndEveryValidCommandLandsExactlyOnce() throws Exception {
        Map<String, Object> login = Http.login(server.getURL(), "fuzzer");
        String playerId = (String) login.get("playerId");
        String token = (String) login.get("accessToken");
        String friend = java.util.UUID.randomUUID().toString();
        URI uri = URI.create("ws://127.0.0.1:" + server.getPort() + "/v1/ws");
        Random random = new Random(SEED);
        List<String> valid = new ArrayList<>();
        int errors = 0;
        int closes = 0;
        TestSocket socket = TestSocket.open(uri, token);
        try {
            for (int n = 0; n < FRAMES; n++) {
                if (n % 10 == 5) {
                    String id = "valid-" + n;
                    valid.add(id);
                    String frame = switch (n % 3) {
                        case 0 -> "{\"type\":\"queue.leave\",\"id\":\"" + id + "\",\"queue\":\"ranked-3v3\"}";
                        case 1 -> "{\"type\":\"friend.request\",\"id\":\"" + id + "\",\"player\":\"" + friend + "\"}";
                        default -> "{\"type\":\"report.submit\",\"id\":\"" + id + "\",\"kind\":\"bug\",\"text\":\"fuzz " + n + "\"}";
                    };
                    assertThat(socket.exchange(frame)).as(frame).containsEntry("type", "ack").containsEntry("id", id);
                    continue;
                }
                if (n % 3_000 == 1_999) {
                    // Beyond Netty's hard limit: the one case that closes, cleanly, with 1009.
                    socket.sendFragmented("{\"type\":\"queue.leave\",\"id\":\"huge\",\"pad\":\"" + "z".repeat(1_100_000) + "\"}", 4);
                    // 1009 from the server; -1 when the JDK client was still writing as the server closed
                    // (a client-side race: the server closed cleanly either way, and serves the next socket).
                    assertThat(socket.awaitClose()).isIn(1009, -1);
                    closes++;
                    socket = TestSocket.open(uri, token);
                    continue;
                }
                String frame = badFrame(random, n);
                Map<String, Object> reply = socket.exchange(frame);
                assertThat(reply.get("type")).as(frame).isEqualTo("error");
                assertThat(CODES).as(frame).contains((String) reply.get("code"));
                errors++;
            }
            assertThat(socket.isOpen()).isTrue();
        } finally {
            socket.close();
        }
        assertThat(Http.get(server.getURL(), "/health").statusCode()).as("the server is alive").isEqualTo(200);
        assertThat(errors + closes + valid.size()).isEqualTo(FRAMES);

        List<PlayerCommand> landed = PlayerCommands.until(registry, playerId, valid.getLast());
        List<String> landedIds = landed.stream().map(PlayerCommands::commandId).toList();
        assertThat(landedIds).as("every valid command exactly once, in order, and nothing else").containsExactlyElementsOf(valid);
    }

    /** A frame that must be refused: garbage, broken JSON, wrong shapes, wrong types or values, oversize. */
    private static String badFrame(Random random, int n) {
        String id = "\"bad-" + n + "\"";
        return switch (random.nextInt(14)) {
            case 0 -> randomText(random, random.nextInt(200));
            case 1 -> {
                String whole = "{\"type\":\"queue.leave\",\"id\":" + id + ",\"queue\":\"ranked-3v3\"}";
                yield whole.substring(0, random.nextInt(whole.length() - 1));
            }
            case 2 -> "[" + random.nextInt() + ",\"queue.leave\"]";
            case 3 -> "{\"type\":" + random.nextInt() + ",\"id\":" + id + "}";
            case 4 -> "{\"type\":\"queue.leave\",\"id\":" + (random.nextBoolean() ? random.nextLong() : "\"" + "i".repeat(65) + "\"") + "}";
            case 5 -> "{\"type\":\"" + TYPES[16 + random.nextInt(3)] + "\",\"id\":" + id + "}";
            case 6 -> "{\"type\":\"queue.leave\",\"id\":" + id + ",\"queue\":" + (random.nextBoolean() ? "\"no-such-queue\"" : "[]") + "}";
            case 7 -> "{\"type\":\"queue.join\",\"id\":" + id + ",\"queue\":\"ranked-3v3\",\"spread\":" + (random.nextBoolean() ? -1 : 1e12)
                    + ",\"team\":{\"units\":" + (random.nextBoolean() ? "\"x\"" : "[{\"class\":\"nope\"}]") + "}}";
            case 8 -> "{\"type\":\"" + TYPES[2 + random.nextInt(7)] + "\",\"id\":" + id + ",\"player\":"
                    + (random.nextBoolean() ? "\"" + randomText(random, 36).replace("\"", "").replace("\\", "") + "\"" : random.nextInt()) + "}";
            case 9 -> "{\"type\":\"report.submit\",\"id\":" + id + ",\"kind\":\"" + (random.nextBoolean() ? "BUG" : "praise")
                    + "\",\"text\":\"t\"}";
            case 10 -> "{\"type\":\"" + TYPES[10 + random.nextInt(6)] + "\",\"id\":" + id + ",\"queue\":\"ranked-3v3\"}";
            case 11 -> "{".repeat(random.nextInt(3000) + 1);
            case 12 -> "{\"type\":\"queue.leave\",\"id\":" + id + ",\"queue\":\"ranked-3v3\",\"pad\":\"" + "p".repeat(70_000) + "\"}";
            default -> "{\"id\":" + id + ",\"type\":\"queue.join\",\"queue\":\"ranked-3v3\",\"spread\":10,\"team\":" + randomJson(random, 4) + "}";
        };
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10FFFF);
            if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                continue;
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static String randomJson(Random random, int depth) {
        return switch (depth <= 0 ? random.nextInt(4) : random.nextInt(6)) {
            case 0 -> Long.toString(random.nextLong());
            case 1 -> "\"" + randomText(random, 8).replace("\\", "").replace("\"", "") + "\"";
            case 2 -> "null";
            case 3 -> Boolean.toString(random.nextBoolean());
            case 4 -> "[" + randomJson(random, depth - 1) + "," + randomJson(random, depth - 1) + "]";
            default -> "{\"units\":" + randomJson(random, depth - 1) + ",\"k\":" + randomJson(random, depth - 1) + "}";
        };
    }
}
