package io.ludus.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.ludus.admin.AdminSettings;
import io.ludus.admin.sampling.QueueSource;
import io.ludus.admin.sampling.SimulationSource;
import io.ludus.replay.verify.ReplayVerifier;
import io.ludus.replay.verify.Verification;
import io.ludus.security.OperatorCredentials;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distributed mode on one machine: the infrastructure as {@code ./ludus infra} starts it, and each service in its own
 * JVM on its own module's jars (target/service.classpath, as {@code ./ludus service} runs it), configured only by the
 * environment infra.env holds. Two ingress and two sim-worker instances; players on different ingress nodes are
 * matched, and each is told on the node that holds their socket; the replay URI they are told works on their node;
 * a friend request crosses nodes.
 */
@Tag("integration")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributedClusterTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern READY = Pattern.compile("ludus (\\S+) ready(?: on (\\S+))?");

    private Path data;
    /** The replay service's port, known before it starts: ingress passes replay downloads to it. */
    private int replayPort;

    private InfraServer infra;
    private final List<Service> services = new ArrayList<>();

    record Service(String name, Process process, Path log) {
    }

    @BeforeAll
    void startCluster() throws Exception {
        // under target/, so the services' logs outlive a failed run
        data = Files.createDirectories(Path.of("target", "distributed-cluster-" + System.currentTimeMillis())).toAbsolutePath();
        infra = InfraServer.start(data, InfraServer.Ports.ANY, System.out);
        try (ServerSocket free = new ServerSocket(0)) {
            replayPort = free.getLocalPort();
        }
        // started together: each waits for nothing but the infrastructure
        for (String[] s : new String[][] {
                {"ingress", "ingress", "io.ludus.ingress.service.IngressMain", "1"},
                {"ingress", "ingress", "io.ludus.ingress.service.IngressMain", "2"},
                {"matchmaker", "matchmaker-stream", "io.ludus.matchmaker.service.MatchmakerMain", "1"},
                {"notifier", "notifier", "io.ludus.notifier.NotifierMain", "1"},
                {"sim-workers", "sim-workers", "io.ludus.workers.SimWorkersMain", "1"},
                {"sim-workers", "sim-workers", "io.ludus.workers.SimWorkersMain", "2"},
                {"outbox-relay", "outbox-relay", "io.ludus.outbox.OutboxRelayMain", "1"},
                {"projections", "projections", "io.ludus.projections.ProjectionsMain", "1"},
                {"replay", "replay-store", "io.ludus.replay.ReplayStoreMain", "1"}}) {
            services.add(start(s[0], s[1], s[2], s[3]));
        }
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (Service s : services) {
            s.process().destroy();
        }
        for (Service s : services) {
            if (!s.process().waitFor(60, TimeUnit.SECONDS)) {
                s.process().destroyForcibly();
            }
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void playersOnDifferentIngressNodesAreMatchedAndToldOnTheirOwnNode() throws Exception {
        URI first = awaitReady(services.get(0));
        URI second = awaitReady(services.get(1));
        for (Service s : services.subList(2, services.size())) {
            awaitReady(s);
        }
        assertThat(first.getPort()).isNotEqualTo(second.getPort());

        JsonNode ann = LudusTestClient.loginOffline(first, "dist-ann");
        JsonNode bob = LudusTestClient.loginOffline(second, "dist-bob");
        String annId = ann.path("playerId").asText();
        String bobId = bob.path("playerId").asText();
        LudusTestClient.Socket annSocket = LudusTestClient.connect(ws(first), ann.path("accessToken").asText());
        LudusTestClient.Socket bobSocket = LudusTestClient.connect(ws(second), bob.path("accessToken").asText());
        long seed = 7;
        for (var entry : Map.of("dist-join-ann", annSocket, "dist-join-bob", bobSocket).entrySet()) {
            entry.getValue().send(LudusTestClient.queueJoin(entry.getKey(), "casual-3v3", seed++));
            JsonNode reply = entry.getValue().awaitReply(entry.getKey(), Duration.ofSeconds(60));
            assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("ack");
        }

        Duration wait = Duration.ofMinutes(3);
        annSocket.awaitNotification("MatchFound", d -> d.path("opponentId").asText().equals(bobId), wait);
        List<JsonNode> told = bobSocket.awaitNotification("MatchFound", d -> d.path("opponentId").asText().equals(annId), wait);
        String matchId = told.stream().filter(n -> n.path("event").asText().equals("MatchFound")).findFirst().orElseThrow()
                .path("data").path("matchId").asText();
        JsonNode result = annSocket.awaitNotification("MatchResultReady", d -> d.path("matchId").asText().equals(matchId), wait)
                .stream().filter(n -> n.path("event").asText().equals("MatchResultReady")).findFirst().orElseThrow().path("data");
        annSocket.close();

        // the replay URI is relative: resolved against the ingress node the player talks to, it reaches the replay service
        JsonNode replayRef = result.path("replay");
        HttpResponse<byte[]> replay = fetchReplay(first.resolve(replayRef.path("uri").asText()), ann.path("accessToken").asText());
        assertThat(replay.statusCode()).as("GET %s", replayRef.path("uri").asText()).isEqualTo(200);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(replay.body())))
                .isEqualTo(replayRef.path("sha256").asText());
        assertThat(new ReplayVerifier().verify(new ByteArrayInputStream(replay.body())))
                .isInstanceOfSatisfying(Verification.Verified.class, v -> assertThat(v.matchId()).isEqualTo(matchId));
        bobSocket.close();

        // the admin service alone reads these services over HTTP with the operator credential, as configured for it
        URI matchmaker = awaitReady(services.get(2));
        List<URI> workers = List.of(awaitReady(services.get(4)), awaitReady(services.get(5)));
        AdminSettings admin = new AdminSettings(Duration.ofHours(8), Duration.ofSeconds(5), matchmaker.toString(), workers);
        OperatorCredentials operator = new OperatorCredentials("operator", infra.serviceEnvironment().get("LUDUS_MANAGEMENT_PASSWORD"));
        QueueSource queues = QueueSource.of(null, admin, operator, JsonMapper.createDefault());
        assertThat(queues.current()).hasValueSatisfying(all -> assertThat(all)
                .anySatisfy(q -> {
                    assertThat(q.queueId()).isEqualTo("casual-3v3");
                    assertThat(q.matchesFormed()).isGreaterThanOrEqualTo(1);
                }));
        SimulationSource simulations = SimulationSource.of(null, admin, operator);
        assertThat(simulations.current()).hasValueSatisfying(totals -> {
            assertThat(totals.completed()).as("battles the two workers completed").isGreaterThanOrEqualTo(1);
            assertThat(totals.failed()).isZero();
        });
    }

    @Test
    void friendRequestBetweenPlayersOnDifferentIngressNodesIsDelivered() throws Exception {
        URI first = awaitReady(services.get(0));
        URI second = awaitReady(services.get(1));
        for (Service s : services.subList(2, services.size())) {
            awaitReady(s);
        }
        // accounts reach the social processor through the outbox relay; it creates its slot when it first streams
        awaitLog(services.stream().filter(s -> s.name().equals("outbox-relay")).findFirst().orElseThrow(),
                "Outbox relay streaming from slot", Duration.ofMinutes(2));
        JsonNode cat = LudusTestClient.loginOffline(first, "dist-cat");
        JsonNode dan = LudusTestClient.loginOffline(second, "dist-dan");
        String catId = cat.path("playerId").asText();
        String danId = dan.path("playerId").asText();
        LudusTestClient.Socket catSocket = LudusTestClient.connect(ws(first), cat.path("accessToken").asText());
        LudusTestClient.Socket danSocket = LudusTestClient.connect(ws(second), dan.path("accessToken").asText());
        Duration wait = Duration.ofSeconds(90);

        // dan's account reaches the social processor a moment after his login; until then the request is refused
        // UNKNOWN_PLAYER: ask again, as a client would
        for (int attempt = 1; ; attempt++) {
            String id = "dist-f-" + attempt;
            catSocket.send(LudusTestClient.JSON.createObjectNode().put("type", "friend.request").put("id", id).put("player", danId));
            assertThat(catSocket.awaitReply(id, wait).path("type").asText()).isEqualTo("ack");
            List<JsonNode> told = catSocket.awaitNotification("FriendshipChanged", d -> d.path("otherPlayerId").asText().equals(danId),
                    d -> d.path("commandId").asText().equals(id), wait);
            boolean refused = told.stream().anyMatch(n -> n.path("event").asText().equals("CommandRejected")
                    && n.path("data").path("commandId").asText().equals(id));
            if (!refused) {
                break;
            }
            assertThat(attempt).as("friend request refused again and again: %s", told).isLessThan(40);
            Thread.sleep(500);
        }
        danSocket.awaitNotification("FriendRequestReceived", d -> d.path("requesterId").asText().equals(catId), wait);

        // a player who does not exist is refused with the same typed code as in standalone
        String nobody = UUID.randomUUID().toString();
        catSocket.send(LudusTestClient.JSON.createObjectNode().put("type", "friend.request").put("id", "dist-f-nobody").put("player", nobody));
        assertThat(catSocket.awaitReply("dist-f-nobody", wait).path("type").asText()).isEqualTo("ack");
        catSocket.awaitNotification("CommandRejected", d -> d.path("commandId").asText().equals("dist-f-nobody")
                && d.path("code").asText().equals("UNKNOWN_PLAYER"), wait);
        catSocket.close();
        danSocket.close();
    }

    /** GET with the player's token; a 503 (the replay service still warming up) is retried, as its Retry-After asks. */
    private static HttpResponse<byte[]> fetchReplay(URI uri, String token) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<byte[]> response = LudusTestClient.getBytes(uri, token);
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                return response;
            }
            Thread.sleep(1000);
        }
    }

    private static void awaitLog(Service service, String line, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(Files.exists(service.log()) && Files.readString(service.log()).contains(line))) {
            if (!service.process().isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(service.name() + " never logged '" + line + "':\n" + Files.readString(service.log()));
            }
            Thread.sleep(250);
        }
    }

    private Service start(String name, String module, String mainClass, String instance) throws IOException {
        Path moduleTarget = ROOT.resolve(module).resolve("target");
        Path classpathFile = moduleTarget.resolve("service.classpath");
        Path jar;
        try (var jars = Files.list(moduleTarget)) {
            jar = jars.filter(p -> p.getFileName().toString().matches("ludus-.*-SNAPSHOT\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(module + " is not packaged: run this test in the reactor (./mvnw verify)"));
        }
        Path dir = data.resolve("services").resolve(name + "-" + instance);
        Files.createDirectories(dir);
        List<String> command = List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx384m",
                "-XX:TieredStopAtLevel=1", "-cp", jar + ":" + Files.readString(classpathFile).strip(), mainClass);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("LUDUS_") || k.startsWith("MICRONAUT_") || k.startsWith("DATASOURCES_"));
        env.putAll(infra.serviceEnvironment());
        Map<String, String> own = new HashMap<>();
        own.put("MICRONAUT_SERVER_PORT", "0");
        own.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        own.put("LUDUS_MATCHMAKER_STATE_DIR", dir.resolve("state").toString());
        own.put("LUDUS_MATCHMAKER_STANDBY_REPLICAS", "0");
        own.put("LUDUS_NOTIFIER_STATE_DIR", dir.resolve("state").toString());
        own.put("LUDUS_SIM_THREADS", "1");
        own.put("LUDUS_SIM_INSTANCE_ID", "sim-workers-" + instance);
        own.put("LUDUS_PROJECTIONS_RATINGS_STATE_DIR", dir.resolve("state").toString());
        own.put("LUDUS_PROJECTIONS_SOCIAL_STATE_DIR", dir.resolve("state").toString());
        own.put("LUDUS_INGRESS_QUERIES_REPLAY_API_URL", "http://127.0.0.1:" + replayPort);
        if (name.equals("replay")) {
            own.put("MICRONAUT_SERVER_PORT", Integer.toString(replayPort));
        }
        env.putAll(own);
        return new Service(name, builder.start(), dir.resolve("out.log"));
    }

    private static URI awaitReady(Service service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            String out = Files.exists(service.log()) ? Files.readString(service.log()) : "";
            Matcher m = READY.matcher(out);
            if (m.find()) {
                return m.group(2) == null ? null : URI.create(m.group(2));
            }
            if (!service.process().isAlive()) {
                throw new AssertionError(service.name() + " exited with " + service.process().exitValue() + ":\n" + out);
            }
            Thread.sleep(250);
        }
        throw new AssertionError(service.name() + " not ready after 4 minutes:\n" + Files.readString(service.log()));
    }

    private static URI ws(URI http) {
        return URI.create("ws://" + http.getHost() + ":" + http.getPort() + "/v1/ws");
    }
}
