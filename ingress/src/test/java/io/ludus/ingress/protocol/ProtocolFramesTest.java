package io.ludus.ingress.protocol;

import com.sun.net.httpserver.HttpServer;
import io.ludus.events.command.AcceptFriendRequest;
import io.ludus.events.command.BlockPlayer;
import io.ludus.events.command.CancelFriendRequest;
import io.ludus.events.command.DeclineFriendRequest;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.command.RemoveFriend;
import io.ludus.events.command.ReportKind;
import io.ludus.events.command.SendFriendRequest;
import io.ludus.events.command.SubmitReport;
import io.ludus.events.command.UnblockPlayer;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.ingress.Http;
import io.ludus.ingress.IngressInfrastructure;
import io.ludus.ingress.ws.TestSocket;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The social, report and query frames, end to end: the socket, Kafka, and a stand-in projections API. */
@Tag("integration")
@Timeout(180)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtocolFramesTest implements TestPropertyProvider {

    private static final AtomicInteger PLAYERS = new AtomicInteger();

    @Inject
    EmbeddedServer server;
    @Inject
    @Named("ingress")
    SchemaRegistryClient registry;

    private HttpServer projections;
    private final List<String> asked = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        try {
            projections = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        projections.createContext("/", exchange -> {
            String path = exchange.getRequestURI().toString();
            asked.add(path + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body;
            int status;
            if (path.contains("/stats")) {
                status = 200;
                body = "{\"wins\":3,\"losses\":1}".getBytes(StandardCharsets.UTF_8);
            } else if (path.startsWith("/v1/leaderboards/")) {
                status = 200;
                body = "{\"entries\":[]}".getBytes(StandardCharsets.UTF_8);
            } else {
                status = 404;
                body = "{}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        projections.start();
        Map<String, String> properties = new HashMap<>(IngressInfrastructure.properties());
        properties.put("ludus.ingress.queries.projections-url", "http://127.0.0.1:" + projections.getAddress().getPort());
        properties.put("ludus.ingress.reports.rate-per-player", "2");
        return properties;
    }

    @AfterAll
    void stopProjections() {
        projections.stop(0);
    }

    private record Player(String id, String accessToken) {}

    private Player newPlayer() {
        Map<String, Object> tokens = Http.login(server.getURL(), "frames" + PLAYERS.incrementAndGet());
        return new Player((String) tokens.get("playerId"), (String) tokens.get("accessToken"));
    }

    private TestSocket connect(Player player) {
        return TestSocket.open(URI.create("ws://127.0.0.1:" + server.getPort() + "/v1/ws"), player.accessToken());
    }

    @Test
    void everySocialFrameBecomesItsCommand() throws Exception {
        Player me = newPlayer();
        Player other = newPlayer();
        String[] types = {"friend.request", "friend.accept", "friend.decline", "friend.cancel", "friend.remove", "block", "unblock"};
        try (TestSocket socket = connect(me)) {
            for (String type : types) {
                assertThat(socket.exchange("{\"type\":\"" + type + "\",\"id\":\"" + type + "\",\"player\":\"" + other.id() + "\"}"))
                        .as(type).containsEntry("type", "ack").containsEntry("id", type);
            }
        }
        List<Object> payloads = PlayerCommands.until(registry, me.id(), "unblock").stream().map(PlayerCommand::getPayload).toList();
        assertThat(payloads).hasSize(types.length);
        assertThat(payloads.get(0)).isEqualTo(SendFriendRequest.newBuilder().setPlayerId(me.id()).setCommandId("friend.request").setRecipientId(other.id()).build());
        assertThat(payloads.get(1)).isEqualTo(AcceptFriendRequest.newBuilder().setPlayerId(me.id()).setCommandId("friend.accept").setRequesterId(other.id()).build());
        assertThat(payloads.get(2)).isEqualTo(DeclineFriendRequest.newBuilder().setPlayerId(me.id()).setCommandId("friend.decline").setRequesterId(other.id()).build());
        assertThat(payloads.get(3)).isEqualTo(CancelFriendRequest.newBuilder().setPlayerId(me.id()).setCommandId("friend.cancel").setRecipientId(other.id()).build());
        assertThat(payloads.get(4)).isEqualTo(RemoveFriend.newBuilder().setPlayerId(me.id()).setCommandId("friend.remove").setFriendId(other.id()).build());
        assertThat(payloads.get(5)).isEqualTo(BlockPlayer.newBuilder().setPlayerId(me.id()).setCommandId("block").setBlockedId(other.id()).build());
        assertThat(payloads.get(6)).isEqualTo(UnblockPlayer.newBuilder().setPlayerId(me.id()).setCommandId("unblock").setBlockedId(other.id()).build());
    }

    @Test
    void socialFramesNamingNoOneOrOneselfAreRefused() throws Exception {
        Player me = newPlayer();
        try (TestSocket socket = connect(me)) {
            for (String player : new String[] {"\"" + me.id() + "\"", "\"not-a-player\"", "42", "null", "\"" + me.id().toUpperCase() + "\""}) {
                assertThat(socket.exchange("{\"type\":\"friend.request\",\"id\":\"r\",\"player\":" + player + "}"))
                        .as(player).containsEntry("type", "error").containsEntry("code", "INVALID_COMMAND");
            }
        }
    }

    @Test
    void reportsAreCheckedAndRateLimitedPerPlayer() throws Exception {
        Player me = newPlayer();
        try (TestSocket socket = connect(me)) {
            assertThat(socket.exchange("{\"type\":\"report.submit\",\"id\":\"bad-kind\",\"kind\":\"rant\",\"text\":\"x\"}"))
                    .containsEntry("code", "INVALID_COMMAND");
            assertThat(socket.exchange("{\"type\":\"report.submit\",\"id\":\"blank\",\"kind\":\"bug\",\"text\":\"   \"}"))
                    .containsEntry("code", "INVALID_COMMAND");
            assertThat(socket.exchange("{\"type\":\"report.submit\",\"id\":\"long\",\"kind\":\"bug\",\"text\":\"" + "y".repeat(4001) + "\"}"))
                    .containsEntry("code", "INVALID_COMMAND");
            assertThat(socket.exchange("{\"type\":\"report.submit\",\"id\":\"r1\",\"kind\":\"bug\",\"text\":\" healer froze \","
                    + "\"matchId\":\"m-1\",\"clientBuild\":\"1.2.3\"}")).containsEntry("type", "ack");
            assertThat(socket.exchange("{\"type\":\"report.submit\",\"id\":\"r2\",\"kind\":\"suggestion\",\"text\":\"more maps\"}"))
                    .containsEntry("type", "ack");
            assertThat(socket.exchange("{\"type\":\"report.submit\",\"id\":\"r3\",\"kind\":\"bug\",\"text\":\"again\"}"))
                    .containsEntry("code", "RATE_LIMITED");
        }
        List<PlayerCommand> commands = PlayerCommands.until(registry, me.id(), "r2");
        assertThat(commands).hasSize(2);
        assertThat(commands.get(0).getPayload()).isEqualTo(SubmitReport.newBuilder().setPlayerId(me.id()).setCommandId("r1")
                .setKind(ReportKind.BUG).setText("healer froze").setMatchId("m-1").setClientBuild("1.2.3").build());
    }

    @Test
    void queriesAreAnsweredFromTheProjectionsApiOrWithTypedErrors() throws Exception {
        Player me = newPlayer();
        try (TestSocket socket = connect(me)) {
            Map<String, Object> stats = socket.exchange("{\"type\":\"query.stats\",\"id\":\"s1\"}");
            assertThat(stats).containsEntry("type", "result").containsEntry("id", "s1");
            assertThat(stats.get("data")).isEqualTo(Map.of("wins", 3, "losses", 1));

            assertThat(socket.exchange("{\"type\":\"query.leaderboard\",\"id\":\"l1\",\"queue\":\"ranked-3v3\",\"around\":\"me\",\"size\":5}"))
                    .containsEntry("type", "result");
            assertThat(asked).anySatisfy(call -> assertThat(call).startsWith("/v1/leaderboards/around-me?radius=5&queue=ranked-3v3 Bearer "));

            assertThat(socket.exchange("{\"type\":\"query.friends\",\"id\":\"f1\"}")).containsEntry("code", "NOT_FOUND");
            assertThat(socket.exchange("{\"type\":\"query.leaderboard\",\"id\":\"l2\",\"queue\":\"nope\"}")).containsEntry("code", "INVALID_COMMAND");
            assertThat(socket.exchange("{\"type\":\"query.matches\",\"id\":\"h1\",\"size\":0}")).containsEntry("code", "INVALID_COMMAND");
            assertThat(socket.exchange("{\"type\":\"query.matches\",\"id\":\"h2\",\"after\":\"x/../admin\"}")).containsEntry("code", "INVALID_COMMAND");
            assertThat(socket.exchange("{\"type\":\"query.friends\",\"id\":\"f2\",\"list\":\"everyone\"}")).containsEntry("code", "INVALID_COMMAND");
            assertThat(socket.exchange("{\"type\":\"query.replay-link\",\"id\":\"p1\",\"matchId\":\"m-1\"}"))
                    .as("no replay API configured").containsEntry("code", "NOT_AVAILABLE");
        }
    }
}
