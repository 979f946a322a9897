package io.ludus.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.ludus.events.account.AccountCreated;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.events.simulation.SimulationTeam;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.content.ContentPacks;
import io.ludus.simevents.EventMapping;
import java.net.URI;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import org.apache.avro.specific.SpecificRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import io.micronaut.web.router.Router;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole standalone server in this JVM, driven as a game client would drive it. */
@Tag("integration")
@Timeout(300)
class StandaloneServerTest {

    @TempDir
    static Path dataDir;
    static LudusServer server;
    static String startupOutput;

    @BeforeAll
    static void start() throws Exception {
        StandaloneConfig config = StandaloneConfig.parse(new String[] {"--data-dir", dataDir.toString(),
                "--http-port", "0", "--kafka-port", "0", "--kafka-controller-port", "0", "--registry-port", "0",
                "--postgres-port", "0"}, Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        server = LudusServer.start(config, new PrintStream(out, true, StandardCharsets.UTF_8));
        startupOutput = out.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void printsEveryUrlItServes() {
        assertThat(startupOutput)
                .contains("Ludus is ready")
                .contains(server.httpUri().toString())
                .contains(server.webSocketUri().toString())
                .contains(server.kafkaBootstrapServers())
                .contains(server.registryUri().toString());
    }

    @Test
    void healthIsUpOnceKafkaRegistryAndPostgresAreReachable() throws Exception {
        HttpResponse<String> health = LudusTestClient.get(server.httpUri().resolve("/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(LudusTestClient.JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
    }

    @Test
    void provisionsEveryCatalogueTopicAndRegistersItsValueSchema() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, server.kafkaBootstrapServers());
        try (Admin admin = Admin.create(p); SchemaRegistryClient registry = new SchemaRegistryClient(server.registryUri())) {
            Set<String> topics = admin.listTopics().names().get();
            for (var spec : Topics.ALL) {
                assertThat(topics).contains(spec.name());
                assertThat(registry.getLatest(spec.valueSubject()).schema()).isEqualTo(spec.valueSchema());
            }
        }
    }

    @Test
    void operatorSignInIsRateLimitedPerAddressLikePlayerLogins() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest wrongPassword = HttpRequest.newBuilder(server.httpUri().resolve("/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=operator&password=guess")).build();
        for (int attempt = 1; attempt <= 10; attempt++) { // ludus.ingress.login-rate-limit, 10 a minute
            assertThat(http.send(wrongPassword, HttpResponse.BodyHandlers.ofString()).statusCode()).as("attempt %d", attempt).isEqualTo(401);
        }

        HttpResponse<String> refused = http.send(wrongPassword, HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many sign-in attempts from this address; try again in");
        assertThat(refused.headers().firstValueAsLong("Retry-After").orElse(-1)).as("Retry-After, seconds").isBetween(1L, 60L);
    }

    /** Login and health are the only public routes; this fails when any module adds an unprotected one. */
    @Test
    void everyRouteOfEveryModuleRequiresAuthenticationExceptLoginAndHealth() throws Exception {
        Set<String> publicRoutes = Set.of("POST /v1/auth/offline", "POST /v1/auth/register", "POST /v1/auth/password",
                "POST /v1/auth/steam", "POST /v1/auth/refresh", "GET /health", "GET /admin/login", "HEAD /admin/login", "POST /admin/login",
                "GET /health/{selector}", "HEAD /health", "HEAD /health/{selector}");
        Router router = server.services().getBean(Router.class);
        List<String> routes = router.uriRoutes()
                .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate().toString().replaceAll("\\{[?&][^}]*}", ""))
                .distinct().sorted().toList();
        assertThat(routes).as("routes found").contains("POST /v1/auth/offline", "GET /health");
        assertThat(routes.size()).as("more than the public routes are mounted").isGreaterThan(publicRoutes.size());
        HttpClient http = HttpClient.newHttpClient();
        for (String route : routes) {
            if (publicRoutes.contains(route)) {
                continue;
            }
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]*}", "x");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.httpUri().resolve(path))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s without a token", route).isEqualTo(401);
        }
        var upgrade = http.newWebSocketBuilder().buildAsync(server.webSocketUri(), new java.net.http.WebSocket.Listener() {});
        assertThatThrownBy(upgrade::join).as("WebSocket upgrade without a token").hasCauseInstanceOf(
                java.net.http.WebSocketHandshakeException.class);
        assertThat(((java.net.http.WebSocketHandshakeException) catchThrowable(upgrade::join).getCause())
                .getResponse().statusCode()).isEqualTo(401);
    }

    @Test
    void clientLogsInOfflineJoinsAQueueAndTheCommandIsInKafka() throws Exception {
        JsonNode tokens = LudusTestClient.loginOffline(server.httpUri(), "alice");
        String playerId = tokens.path("playerId").asText();
        assertThat(tokens.path("accessToken").asText()).isNotBlank();
        assertThat(tokens.path("refreshToken").asText()).isNotBlank();

        LudusTestClient.Socket socket = LudusTestClient.connect(server.webSocketUri(), tokens.path("accessToken").asText());
        socket.send(LudusTestClient.queueJoin("join-1", "ranked-3v3", 42));
        JsonNode reply = socket.awaitReply("join-1", Duration.ofSeconds(30));
        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("ack");
        socket.close();

        ConsumerRecord<String, PlayerCommand> found = awaitRecord(Topics.PLAYER_COMMANDS, playerId, Duration.ofSeconds(30));
        assertThat(found.value().getPayload()).isInstanceOfSatisfying(JoinQueue.class, join -> {
            assertThat(join.getPlayerId()).as("identity from the token").isEqualTo(playerId);
            assertThat(join.getCommandId()).isEqualTo("join-1");
            assertThat(join.getQueueId()).isEqualTo("ranked-3v3");
            assertThat(join.getLoadout().getUnits()).hasSize(3);
        });
    }

    /** Ingress writes AccountCreated to the outbox with the account row; the relay ships it to Kafka. */
    @Test
    void newAccountsArePublishedOnAccountEventsThroughTheOutbox() throws Exception {
        String playerId = LudusTestClient.loginOffline(server.httpUri(), "outbox-carol").path("playerId").asText();
        ConsumerRecord<String, AccountEvent> r = awaitRecord(Topics.ACCOUNT_EVENTS, playerId, Duration.ofSeconds(60));
        assertThat(r.value().getPayload()).isInstanceOfSatisfying(AccountCreated.class,
                created -> assertThat(created.getDisplayName()).isEqualTo("outbox-carol"));
        assertThat(new String(r.headers().lastHeader("eventType").value(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("AccountCreated");
    }

    /** The server simulates a match, stores its replay, and serves it to a participant and nobody else. */
    @Test
    void simulatesAMatchAndServesItsReplayToParticipantsOnly() throws Exception {
        JsonNode alice = LudusTestClient.loginOffline(server.httpUri(), "sim-alice");
        JsonNode bob = LudusTestClient.loginOffline(server.httpUri(), "sim-bob");
        JsonNode eve = LudusTestClient.loginOffline(server.httpUri(), "sim-eve");
        String matchId = "standalone-" + java.util.UUID.randomUUID();
        BattleSetup setup = new RandomLoadouts(ContentPacks.bundled()).battle(11, 3, 3);
        UUID eventId = UUID.randomUUID();
        var request = new SimulationRequestEvent(eventId, Instant.now(), eventId.toString(), null,
                SimulationRequested.newBuilder(EventMapping.toRequest(matchId, setup))
                        .setTeamA(SimulationTeam.newBuilder(EventMapping.toEvent(setup.teamA())).setPlayerId(alice.path("playerId").asText()).build())
                        .setTeamB(SimulationTeam.newBuilder(EventMapping.toEvent(setup.teamB())).setPlayerId(bob.path("playerId").asText()).build())
                        .build());

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, server.kafkaBootstrapServers());
        try (SchemaRegistryClient registry = new SchemaRegistryClient(server.registryUri());
                var producer = new KafkaProducer<>(p, Topics.SIMULATION_REQUESTS.keySerde().serializer(),
                        Topics.SIMULATION_REQUESTS.valueSerde(registry).serializer())) {
            producer.send(new ProducerRecord<>(Topics.SIMULATION_REQUESTS.name(), matchId, request)).get();
        }

        SimulationCompleted completed = awaitResult(matchId);
        assertThat(completed.getReplay().getSizeBytes()).isPositive();

        HttpClient http = HttpClient.newHttpClient();
        URI replay = server.httpUri().resolve("/v1/replays/" + matchId);
        HttpResponse<byte[]> asAlice = http.send(HttpRequest.newBuilder(replay)
                .header("Authorization", "Bearer " + alice.path("accessToken").asText()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(asAlice.statusCode()).isEqualTo(200);
        assertThat(asAlice.body()).hasSize((int) completed.getReplay().getSizeBytes());
        assertThat(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(asAlice.body())))
                .as("served bytes match the hash in the result event").isEqualTo(completed.getReplay().getSha256());

        HttpResponse<String> asEve = http.send(HttpRequest.newBuilder(replay)
                .header("Authorization", "Bearer " + eve.path("accessToken").asText()).build(), HttpResponse.BodyHandlers.ofString());
        // the same 404 as an unknown match: a non-participant learns nothing about which matches exist
        assertThat(asEve.statusCode()).as("a non-participant").isEqualTo(404);
    }

    /**
     * The whole loop through public interfaces only: two players become friends; one queues and disconnects; the
     * other queues; the match forms and is simulated; the one who left reconnects and gets everything missed in order,
     * fetches and verifies the replay; stats, rating and history show the match, and the friend sees it too.
     */
    @Test
    void aPlayerWhoQueuesAndDisconnectsGetsEverythingMissedOnReconnectAndEveryReadModelShowsTheMatch() throws Exception {
        JsonNode ann = LudusTestClient.loginOffline(server.httpUri(), "loop-ann");
        JsonNode bob = LudusTestClient.loginOffline(server.httpUri(), "loop-bob");
        String annId = ann.path("playerId").asText();
        String bobId = bob.path("playerId").asText();
        String annToken = ann.path("accessToken").asText();
        String bobToken = bob.path("accessToken").asText();
        Duration wait = Duration.ofSeconds(120);

        LudusTestClient.Socket annSocket = LudusTestClient.connect(server.webSocketUri(), annToken, 0);
        LudusTestClient.Socket bobSocket = LudusTestClient.connect(server.webSocketUri(), bobToken, 0);
        // bob's account reaches the social processor through the outbox a moment after he logged in; until then a
        // request names an unknown player and is refused (CommandRejected UNKNOWN_PLAYER): ask again, as a client would
        for (int attempt = 1; ; attempt++) {
            String id = "loop-f1-" + attempt;
            annSocket.send(LudusTestClient.JSON.createObjectNode().put("type", "friend.request").put("id", id).put("player", bobId));
            assertThat(annSocket.awaitReply(id, wait).path("type").asText()).isEqualTo("ack");
            List<JsonNode> told = annSocket.awaitNotification("FriendshipChanged", d -> d.path("otherPlayerId").asText().equals(bobId),
                    d -> d.path("commandId").asText().equals(id), wait);
            boolean refused = told.stream().anyMatch(n -> n.path("event").asText().equals("CommandRejected")
                    && n.path("data").path("commandId").asText().equals(id));
            if (!refused) {
                break;
            }
            assertThat(attempt).as("friend request refused again and again: %s", told).isLessThan(20);
            Thread.sleep(500);
        }
        bobSocket.awaitNotification("FriendRequestReceived", d -> d.path("requesterId").asText().equals(annId), wait);
        bobSocket.send(LudusTestClient.JSON.createObjectNode().put("type", "friend.accept").put("id", "loop-f2").put("player", annId));
        assertThat(bobSocket.awaitReply("loop-f2", wait).path("type").asText()).isEqualTo("ack");
        annSocket.awaitNotification("FriendshipChanged", d -> d.path("otherPlayerId").asText().equals(bobId)
                && d.path("status").asText().equals("FRIENDS"), wait);

        annSocket.send(LudusTestClient.queueJoin("loop-join-ann", "ranked-1v1", 101, 1));
        assertThat(annSocket.awaitReply("loop-join-ann", wait).path("type").asText()).isEqualTo("ack");
        long annSeen = annSocket.notifications().stream().mapToLong(n -> n.path("seq").asLong()).max().orElse(0);
        annSocket.close();

        bobSocket.send(LudusTestClient.queueJoin("loop-join-bob", "ranked-1v1", 202, 1));
        assertThat(bobSocket.awaitReply("loop-join-bob", wait).path("type").asText()).isEqualTo("ack");
        String matchId = bobSocket.awaitNotification("MatchFound", d -> d.path("opponentId").asText().equals(annId), wait)
                .stream().filter(n -> n.path("event").asText().equals("MatchFound")).findFirst().orElseThrow()
                .path("data").path("matchId").asText();
        bobSocket.awaitNotification("MatchResultReady", d -> d.path("matchId").asText().equals(matchId), wait);
        bobSocket.close();

        // ann comes back naming the last seq she saw: everything since, in order, once
        LudusTestClient.Socket again = LudusTestClient.connect(server.webSocketUri(), annToken, annSeen);
        List<JsonNode> missed = again.awaitNotification("RatingChanged", d -> d.path("matchId").asText().equals(matchId), wait);
        for (int i = 0; i < missed.size(); i++) {
            assertThat(missed.get(i).path("seq").asLong()).as("seq of notification %d after %d", i, annSeen).isEqualTo(annSeen + 1 + i);
        }
        List<String> events = missed.stream().map(n -> n.path("event").asText()).toList();
        assertThat(events).containsSubsequence("MatchFound", "MatchResultReady", "RatingChanged");
        JsonNode result = missed.stream().filter(n -> n.path("event").asText().equals("MatchResultReady")).findFirst().orElseThrow().path("data");
        again.close();

        JsonNode replayRef = result.path("replay");
        java.net.http.HttpResponse<byte[]> replay = LudusTestClient.getBytes(server.httpUri().resolve(replayRef.path("uri").asText()), annToken);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(replay.body())))
                .isEqualTo(replayRef.path("sha256").asText());
        var verification = new io.ludus.replay.verify.ReplayVerifier().verify(new java.io.ByteArrayInputStream(replay.body()));
        assertThat(verification).isInstanceOf(io.ludus.replay.verify.Verification.Verified.class);
        assertThat(((io.ludus.replay.verify.Verification.Verified) verification).matchId()).isEqualTo(matchId);

        URI players = server.httpUri().resolve("/v1/players/" + annId + "/");
        GameLoopSteps.awaitJson(players.resolve("stats"), annToken, s -> s.path("overall").path("matches").asLong() >= 1, wait);
        GameLoopSteps.awaitJson(players.resolve("rating"), annToken, r -> r.path("games").asInt() >= 1, wait);
        JsonNode history = GameLoopSteps.awaitJson(players.resolve("matches"), bobToken, h -> h.path("entries").findValuesAsText("matchId")
                .contains(matchId), wait);
        JsonNode entry = java.util.stream.StreamSupport.stream(history.path("entries").spliterator(), false)
                .filter(e -> e.path("matchId").asText().equals(matchId)).findFirst().orElseThrow();
        assertThat(entry.path("opponentId").asText()).isEqualTo(bobId);
        assertThat(entry.path("result").asText()).isEqualTo(result.path("playerResult").asText());
        assertThat(entry.path("replay").path("key").asText()).isEqualTo(replayRef.path("key").asText());
        GameLoopSteps.awaitJson(server.httpUri().resolve("/v1/me/friends"), annToken,
                f -> f.path("players").findValuesAsText("playerId").contains(bobId), wait);
    }

    /** `./ludus projections rebuild NAME` finds the running server through its data directory. */
    @Test
    void aReadModelRebuildsFromTheCommandLineWhileTheServerRuns() throws Exception {
        StandaloneConfig config = StandaloneConfig.parse(new String[] {"--data-dir", dataDir.toString()}, Map.of());
        LudusTestClient.loginOffline(server.httpUri(), "rebuild-rita");
        assertThat(AdminCommand.rebuildProjection(config, "players")).isZero();
        assertThat(AdminCommand.rebuildProjection(config, "no-such-model")).isEqualTo(2);
        assertThat(AdminCommand.rebuildProjection(StandaloneConfig.parse(
                new String[] {"--data-dir", dataDir.resolve("elsewhere").toString()}, Map.of()), "players")).isEqualTo(1);
    }

    /** Two players queue over WebSocket; the matchmaker pairs them and the sim workers complete their match. */
    @Test
    void twoPlayersWhoJoinOverWebSocketGetAMatchThatCompletes() throws Exception {
        JsonNode dora = LudusTestClient.loginOffline(server.httpUri(), "mm-dora");
        JsonNode finn = LudusTestClient.loginOffline(server.httpUri(), "mm-finn");
        Set<String> players = Set.of(dora.path("playerId").asText(), finn.path("playerId").asText());
        for (JsonNode player : List.of(dora, finn)) {
            LudusTestClient.Socket socket = LudusTestClient.connect(server.webSocketUri(), player.path("accessToken").asText());
            String commandId = "mm-join-" + player.path("playerId").asText();
            socket.send(LudusTestClient.queueJoin(commandId, "casual-3v3", players.hashCode() + commandId.length()));
            JsonNode reply = socket.awaitReply(commandId, Duration.ofSeconds(30));
            assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("ack");
            socket.close();
        }

        ConsumerRecord<String, MatchEvent> formed = awaitFirst(Topics.MATCHES, r -> r.value().getPayload() instanceof MatchFormed f
                && players.equals(Set.of(f.getTeamA().getPlayerId(), f.getTeamB().getPlayerId())), Duration.ofSeconds(90));
        MatchFormed match = (MatchFormed) formed.value().getPayload();
        assertThat(match.getQueueId()).isEqualTo("casual-3v3");
        assertThat(formed.key()).isEqualTo(match.getMatchId());

        ConsumerRecord<String, MatchEvent> completed = awaitFirst(Topics.MATCHES, r -> r.value().getPayload() instanceof MatchCompleted c
                && c.getMatchId().equals(match.getMatchId()), Duration.ofSeconds(90));
        MatchCompleted result = (MatchCompleted) completed.value().getPayload();
        assertThat(Set.of(result.getTeamAPlayerId(), result.getTeamBPlayerId())).isEqualTo(players);
        assertThat(result.getQueueId()).isEqualTo("casual-3v3");
        assertThat(result.getSideA()).isEqualTo(match.getTeamA());
    }

    private static String describe(java.util.function.Supplier<?> find) {
        try {
            return String.valueOf(find.get());
        } catch (AssertionError | RuntimeException e) {
            return "none (" + e.getMessage() + ")";
        }
    }

    private static SimulationCompleted awaitResult(String matchId) {
        var r = awaitRecord(Topics.SIMULATION_RESULTS, matchId, Duration.ofSeconds(60));
        assertThat(r.value().getPayload()).as("result for %s", matchId).isInstanceOf(SimulationCompleted.class);
        return (SimulationCompleted) r.value().getPayload();
    }

    /** The first committed record on {@code spec} with {@code key}, reading every partition from the start. */
    private static <V extends SpecificRecord> ConsumerRecord<String, V> awaitRecord(TopicSpec<String, V> spec, String key,
                                                                                   Duration timeout) {
        return awaitFirst(spec, r -> key.equals(r.key()), timeout);
    }

    /** The first committed record on {@code spec} that {@code wanted} accepts, reading every partition from the start. */
    private static <V extends SpecificRecord> ConsumerRecord<String, V> awaitFirst(TopicSpec<String, V> spec,
            java.util.function.Predicate<ConsumerRecord<String, V>> wanted, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, server.kafkaBootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (SchemaRegistryClient registry = new SchemaRegistryClient(server.registryUri());
                var consumer = new KafkaConsumer<>(p, spec.keySerde().deserializer(), spec.valueSerde(registry).deserializer())) {
            var partitions = consumer.partitionsFor(spec.name()).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(r)) {
                        return r;
                    }
                }
            }
            throw new AssertionError("no wanted record on " + spec.name() + " within " + timeout);
        }
    }
}
