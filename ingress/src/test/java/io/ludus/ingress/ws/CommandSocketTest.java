package io.ludus.ingress.ws;

import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.LeaveQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.ingress.Http;
import io.ludus.ingress.IngressInfrastructure;
import io.ludus.ingress.queue.Loadouts;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@Tag("integration")
@Timeout(180)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandSocketTest implements TestPropertyProvider {

    private static final AtomicInteger PLAYERS = new AtomicInteger();

    @Inject
    EmbeddedServer server;
    @Inject
    @Named("ingress")
    SchemaRegistryClient registry;

    @Override
    public Map<String, String> getProperties() {
        return IngressInfrastructure.properties();
    }

    private record Player(String id, String accessToken) {}

    private Player newPlayer() {
        Map<String, Object> tokens = Http.login(server.getURL(), "player" + PLAYERS.incrementAndGet());
        return new Player((String) tokens.get("playerId"), (String) tokens.get("accessToken"));
    }

    private URI socketUri(String query) {
        return URI.create("ws://" + server.getHost() + ":" + server.getPort() + "/v1/ws" + query);
    }

    private TestSocket connect(Player player) {
        return TestSocket.open(socketUri(""), player.accessToken());
    }

    private static String leave(String id) {
        return "{\"type\":\"queue.leave\",\"id\":\"" + id + "\",\"queue\":\"ranked-3v3\"}";
    }

    @Test
    void acceptsTheTokenInTheAuthorizationHeader() throws Exception {
        try (TestSocket socket = connect(newPlayer())) {
            assertThat(socket.exchange(leave("h1"))).containsEntry("type", "ack").containsEntry("id", "h1");
        }
    }

    @Test
    void acceptsTheTokenAsAccessTokenQueryParameter() throws Exception {
        Player player = newPlayer();
        try (TestSocket socket = TestSocket.open(socketUri("?access_token=" + player.accessToken()), TestSocket.builder())) {
            assertThat(socket.exchange(leave("q1"))).containsEntry("type", "ack").containsEntry("id", "q1");
        }
    }

    @Test
    void refusesTheUpgradeWithoutAToken() {
        assertUpgradeRefusedWith401(TestSocket.builder(), socketUri(""));
    }

    @Test
    void refusesTheUpgradeWithAForgedToken() {
        String forged = newPlayer().accessToken();
        forged = forged.substring(0, forged.length() - 4) + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertUpgradeRefusedWith401(TestSocket.builder().header("Authorization", "Bearer " + forged), socketUri(""));
        assertUpgradeRefusedWith401(TestSocket.builder(), socketUri("?access_token=" + forged));
    }

    private static void assertUpgradeRefusedWith401(java.net.http.WebSocket.Builder builder, URI uri) {
        Throwable failure = catchThrowable(() -> TestSocket.open(uri, builder));
        assertThat(failure).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode()).isEqualTo(401);
    }

    @Test
    void badFramesGetTypedErrorsAndTheSocketStaysUsable() throws Exception {
        Player player = newPlayer();
        try (TestSocket socket = connect(player)) {
            assertError(socket.exchange("{\"type\":\"queue.leave\","), null, "MALFORMED_FRAME");
            assertError(socket.exchange("[1,2,3]"), null, "MALFORMED_FRAME");
            assertError(socket.exchange("{\"type\":\"queue.leave\",\"queue\":\"ranked-3v3\"}"), null, "MALFORMED_FRAME");
            assertError(socket.exchange("{\"id\":\"m1\",\"queue\":\"ranked-3v3\"}"), "m1", "MALFORMED_FRAME");
            assertError(socket.exchange("{\"type\":\"chat.say\",\"id\":\"u1\"}"), "u1", "UNKNOWN_TYPE");
            String oversized = "{\"type\":\"queue.leave\",\"id\":\"big\",\"queue\":\"ranked-3v3\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
            assertError(socket.exchange(oversized), null, "FRAME_TOO_LARGE");
            assertError(socket.exchange("{\"type\":\"queue.join\",\"id\":\"j0\",\"queue\":\"nope\",\"spread\":1,\"team\":{\"units\":[]}}"),
                    "j0", "INVALID_COMMAND");

            assertThat(socket.isOpen()).isTrue();
            assertThat(socket.exchange(leave("after"))).containsEntry("type", "ack").containsEntry("id", "after");
            assertThat(commandsUntil(player.id(), "after")).as("only the last, valid frame was produced").hasSize(1);
        }
    }

    @Test
    void framesOverTheRateLimitAreRefusedUnreadAndASocketThatKeepsSendingThemIsClosed() throws Exception {
        try (TestSocket socket = connect(newPlayer())) {
            // 20 frames a second and 20 strikes by default: 100 frames at once exhaust both
            for (int i = 0; i < 100 && socket.isOpen(); i++) {
                try {
                    socket.send("not even json " + i);
                } catch (CompletionException e) {
                    break;
                }
            }

            List<Map<String, Object>> replies = new ArrayList<>();
            for (Map<String, Object> reply = socket.nextWithin(Duration.ofSeconds(2)); reply != null; reply = socket.nextWithin(Duration.ofSeconds(2))) {
                replies.add(reply);
            }
            // each of the 20 strikes is answered before the close, and the close frame reaches the client intact
            assertThat(replies).filteredOn(reply -> "RATE_LIMITED".equals(reply.get("code")))
                    .hasSizeGreaterThanOrEqualTo(20)
                    .allSatisfy(reply -> assertThat(reply.get("id")).as("the frame was not parsed").isNull());
            assertThat(socket.awaitClose()).isEqualTo(CloseCode.RATE_LIMIT_EXCEEDED.code());
        }
    }

    @Test
    void closesTheSocketWhenFragmentsAddUpBeyondTheHardFrameLimit() {
        try (TestSocket socket = connect(newPlayer())) {
            socket.sendFragmented("\"" + "x".repeat(2 * CommandSocket.HARD_FRAME_LIMIT) + "\"", 4);
            assertThat(socket.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void validJoinIsAckedAfterKafkaHasTheCommand() throws Exception {
        Player player = newPlayer();
        try (TestSocket socket = connect(player)) {
            Map<String, Object> reply = socket.exchange(Loadouts.join("c1", "ranked-3v3", 100, Loadouts.VALID_TEAM));
            assertThat(reply).containsEntry("type", "ack").containsEntry("id", "c1");
        }

        List<ConsumerRecord<String, PlayerCommand>> records = commandsUntil(player.id(), "c1");
        assertThat(records).hasSize(1);
        PlayerCommand command = records.getFirst().value();
        assertThat(command.getCorrelationId()).isNotBlank();
        JoinQueue join = (JoinQueue) command.getPayload();
        assertThat(join.getPlayerId()).as("the player comes from the token").isEqualTo(player.id());
        assertThat(join.getQueueId()).isEqualTo("ranked-3v3");
        assertThat(join.getSpread()).isEqualTo(100);
        assertThat(join.getLoadout().getUnits()).extracting(u -> u.getClassId()).containsExactly("guardian", "cleric", "mage");
    }

    @Test
    void invalidLoadoutGetsInvalidLoadoutAndNothingIsProduced() throws Exception {
        Player player = newPlayer();
        try (TestSocket socket = connect(player)) {
            Map<String, Object> reply = socket.exchange(Loadouts.join("bad", "ranked-3v3", 100, Loadouts.UNKNOWN_CLASS_TEAM));
            assertError(reply, "bad", "INVALID_LOADOUT");
            assertThat(reply.get("details")).asList().isNotEmpty();

            assertThat(socket.exchange(leave("marker"))).containsEntry("type", "ack");
        }
        List<ConsumerRecord<String, PlayerCommand>> records = commandsUntil(player.id(), "marker");
        assertThat(records).hasSize(1);
        assertThat(records.getFirst().value().getPayload()).isInstanceOf(LeaveQueue.class);
    }

    @Test
    void framesCannotActForAnotherPlayer() throws Exception {
        Player player = newPlayer();
        Player other = newPlayer();
        try (TestSocket socket = connect(player)) {
            String spoofed = "{\"type\":\"queue.leave\",\"id\":\"s1\",\"queue\":\"ranked-3v3\",\"playerId\":\"" + other.id() + "\"}";
            assertThat(socket.exchange(spoofed)).containsEntry("type", "ack");
        }
        LeaveQueue leave = (LeaveQueue) commandsUntil(player.id(), "s1").getFirst().value().getPayload();
        assertThat(leave.getPlayerId()).isEqualTo(player.id());
    }

    private static void assertError(Map<String, Object> reply, String id, String code) {
        assertThat(reply).containsEntry("type", "error").containsEntry("code", code);
        assertThat(reply.get("id")).isEqualTo(id);
        assertThat((String) reply.get("message")).isNotBlank();
    }

    /** The player's commands on player-commands, in order, up to the one with {@code commandId}. */
    private List<ConsumerRecord<String, PlayerCommand>> commandsUntil(String playerId, String commandId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, IngressInfrastructure.kafka().bootstrapServers());
        try (KafkaConsumer<String, PlayerCommand> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                Topics.PLAYER_COMMANDS.valueSerde(registry).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PLAYER_COMMANDS.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, PlayerCommand>> mine = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, PlayerCommand> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!playerId.equals(record.key())) {
                        continue;
                    }
                    mine.add(record);
                    if (commandId.equals(commandIdOf(record.value()))) {
                        return mine;
                    }
                }
            }
            throw new AssertionError("command " + commandId + " of " + playerId + " never reached player-commands; saw " + mine);
        }
    }

    private static String commandIdOf(PlayerCommand command) {
        return switch (command.getPayload()) {
            case JoinQueue join -> join.getCommandId();
            case LeaveQueue leave -> leave.getCommandId();
            default -> null;
        };
    }
}
