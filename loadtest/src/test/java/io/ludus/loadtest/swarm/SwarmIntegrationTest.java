package io.ludus.loadtest.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ludus.loadtest.LoadtestCli;
import io.ludus.standalone.LudusServer;
import io.ludus.standalone.StandaloneConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A small swarm against a whole standalone server in this JVM, then the chaos check over what it left behind. */
@Tag("integration")
@Timeout(600)
class SwarmIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Refusals a random friend graph runs into by design: both sides asking, asking twice, asking a brand-new player. */
    private static final Set<String> EXPECTED_REFUSALS = Set.of("REJECTED_REQUEST_ALREADY_PENDING", "REJECTED_ALREADY_FRIENDS",
            "REJECTED_UNKNOWN_PLAYER"); // a new account still on its way through the outbox

    @TempDir
    static Path dataDir;
    static LudusServer server;

    @BeforeAll
    static void start() {
        StandaloneConfig config;
        try {
            config = StandaloneConfig.parse(new String[] {"--data-dir", dataDir.resolve("server").toString(),
                    "--http-port", "0", "--kafka-port", "0", "--kafka-controller-port", "0", "--registry-port", "0",
                    "--postgres-port", "0"}, Map.of());
        } catch (StandaloneConfig.HelpRequested e) {
            throw new AssertionError(e);
        }
        server = LudusServer.start(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twentyBotsPlayMatchesAndEveryNotificationArrivesOnceInOrderThenEveryInvariantHolds() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LoadtestCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute("swarm",
                "--url", server.httpUri().toString(), "--bots", "20", "--duration", "20s", "--ramp-up", "3s",
                "--result-timeout", "45s", "--multi-queue-share", "0.3", "--disconnect-share", "0.3", "--friend-share", "0.3",
                "--replay-share", "0.3", "--output", "json");
        assertThat(code).as("exit code; stderr:\n%s\nstdout:\n%s", err, out).isZero();
        assertThat(err.toString()).as("live progress").contains("connected").contains("matches").contains("errors");
        JsonNode report = JSON.readTree(out.toString());

        assertThat(report.path("botsLoggedIn").asInt()).isEqualTo(20);
        assertThat(report.path("matches").asLong()).isPositive();
        assertThat(report.path("matchesPerSecond").asDouble()).isPositive();
        assertThat(report.path("sustainedMatchesPerSecond").asDouble()).isPositive();
        JsonNode latency = report.path("joinToResult");
        assertThat(latency.path("count").asInt()).isPositive();
        assertThat(latency.path("p50Millis").asLong()).isPositive();
        assertThat(latency.path("p99Millis").asLong()).isGreaterThanOrEqualTo(latency.path("p95Millis").asLong())
                .isGreaterThanOrEqualTo(latency.path("p50Millis").asLong());
        assertThat(report.path("notifications").asLong()).isPositive();
        assertThat(report.path("missedNotifications").asLong()).isZero();
        assertThat(report.path("duplicatedNotifications").asLong()).isZero();
        assertThat(report.path("outOfOrderNotifications").asLong()).isZero();
        assertThat(report.path("disconnects").asLong()).isPositive();
        assertThat(report.path("resumes").asLong()).isEqualTo(report.path("disconnects").asLong());
        assertThat(report.path("friendRequestsSent").asLong()).isPositive();
        assertThat(report.path("friendRequestsAccepted").asLong()).isPositive();
        assertThat(report.path("replaysFetched").asLong()).isPositive();
        assertThat(report.path("replaysVerified").asLong()).isEqualTo(1);
        assertThat(report.path("unfinishedTickets").asLong()).as("unfinished tickets; report %s", report).isZero();
        report.path("errorsByCode").fieldNames().forEachRemaining(c -> assertThat(EXPECTED_REFUSALS).as("error code in %s", report).contains(c));

        Path swarmReport = dataDir.resolve("swarm.json");
        Files.writeString(swarmReport, out.toString());
        StringWriter checkOut = new StringWriter();
        StringWriter checkErr = new StringWriter();
        int checked = LoadtestCli.commandLine(new PrintWriter(checkOut, true), new PrintWriter(checkErr, true)).execute("chaos", "check",
                "--bootstrap", server.kafkaBootstrapServers(), "--registry", server.registryUri().toString(),
                "--jdbc-url", server.jdbcUrl(), "--jdbc-user", "ludus_app",
                "--jdbc-password-file", dataDir.resolve("server/secrets/postgres-app-password").toString(),
                "--swarm-report", swarmReport.toString(), "--settle", "60s", "--output", "json");
        assertThat(checked).as("chaos check; stderr:\n%s\nstdout:\n%s", checkErr, checkOut).isZero();
        JsonNode invariants = JSON.readTree(checkOut.toString()).path("invariants");
        assertThat(invariants).hasSize(9);
        for (JsonNode i : invariants) {
            assertThat(i.path("violations").asLong()).as(i.path("name").asText()).isZero();
            assertThat(i.path("behind").asLong()).as(i.path("name").asText()).isZero();
            assertThat(i.path("checked").asLong()).as(i.path("name").asText()).isPositive();
        }
    }
}
