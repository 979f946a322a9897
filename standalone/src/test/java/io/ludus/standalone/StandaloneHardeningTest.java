package io.ludus.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a player-hosted server exposes: its PostgreSQL trusts nobody and the services hold no superuser;
 * health shows anonymous callers the status only; metrics are for the operator.
 */
@Tag("integration")
@Timeout(300)
class StandaloneHardeningTest {

    private static final String OPERATOR_PASSWORD = "standalone-operator-password";

    @TempDir
    static Path dataDir;
    static LudusServer server;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("ludus.management.password", OPERATOR_PASSWORD);
        StandaloneConfig config = StandaloneConfig.parse(new String[] {"--data-dir", dataDir.toString(),
                "--http-port", "0", "--kafka-port", "0", "--kafka-controller-port", "0", "--registry-port", "0",
                "--postgres-port", "0"}, Map.of());
        server = LudusServer.start(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        System.clearProperty("ludus.management.password");
    }

    @Test
    void postgresTrustsNoLocalUserAndKeepsItsPasswordsPrivate() throws Exception {
        assertThat(Files.readString(dataDir.resolve("postgres").resolve("pg_hba.conf")).lines()
                .filter(line -> !line.strip().startsWith("#")))
                .noneMatch(line -> line.matches(".*\\btrust\\b.*"))
                .anyMatch(line -> line.contains("scram-sha-256"));
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "").close())
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "wrong-password").close())
                .isInstanceOf(SQLException.class);
        for (String secret : new String[] {"postgres-superuser-password", "postgres-app-password"}) {
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("secrets").resolve(secret)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        String superuser = Files.readString(dataDir.resolve("secrets").resolve("postgres-superuser-password")).strip();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", superuser)) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void servicesConnectAsARoleThatIsNoSuperuserAndCannotRunPrograms() throws Exception {
        try (Connection c = server.services().getBean(DataSource.class).getConnection(); Statement s = c.createStatement()) {
            try (ResultSet row = s.executeQuery("SELECT current_user, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo(LudusServer.APP_ROLE);
                assertThat(row.getBoolean(2)).isFalse();
                assertThat(row.getBoolean(3)).isFalse();
                assertThat(row.getBoolean(4)).isFalse();
            }
            assertThatThrownBy(() -> s.execute("COPY (SELECT 1) TO PROGRAM 'true'")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> s.execute("CREATE ROLE intruder SUPERUSER")).isInstanceOf(SQLException.class);
            try (ResultSet owner = s.executeQuery("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'public'")) {
                owner.next();
                assertThat(owner.getString(1)).isEqualTo(LudusServer.APP_ROLE);
            }
        }
    }

    @Test
    void theOutboxRelayStreamsAsTheApplicationRole() throws Exception {
        String superuser = Files.readString(dataDir.resolve("secrets").resolve("postgres-superuser-password")).strip();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", superuser); Statement s = c.createStatement()) {
            String user = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (user == null && System.nanoTime() < deadline) {
                try (ResultSet row = s.executeQuery("SELECT a.usename FROM pg_replication_slots r"
                        + " JOIN pg_stat_activity a ON a.pid = r.active_pid WHERE r.active")) {
                    user = row.next() ? row.getString(1) : null;
                }
                if (user == null) {
                    Thread.sleep(200);
                }
            }
            assertThat(user).isEqualTo(LudusServer.APP_ROLE);
        }
    }

    @Test
    void healthShowsAnonymousCallersTheStatusOnly() throws Exception {
        HttpResponse<String> health = LudusTestClient.get(server.httpUri().resolve("/health"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("details").doesNotContain("kafka");
    }

    @Test
    void metricsAreForTheOperatorOnly() throws Exception {
        URI metrics = server.httpUri().resolve("/prometheus");
        String playerToken = LudusTestClient.loginOffline(server.httpUri(), "metrics-curious").path("accessToken").asText();

        assertThat(send(metrics, null).statusCode()).isEqualTo(401);
        assertThat(send(metrics, "Bearer " + playerToken).statusCode()).isEqualTo(403);
        HttpResponse<String> operator = send(metrics, "Basic " + Base64.getEncoder()
                .encodeToString(("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("jvm_");
    }

    @Test
    void wrongOperatorPasswordsFromOneAddressGetItRefusedForAMinuteRightPasswordIncluded() throws Exception {
        URI metrics = server.httpUri().resolve("/prometheus");
        String wrong = "Basic " + Base64.getEncoder().encodeToString(("operator:guess-" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String right = "Basic " + Base64.getEncoder().encodeToString(("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
        // a loopback address of its own, so the other tests' 127.0.0.1 keeps its count
        try (HttpClient guesser = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.37")).build()) {
            for (int attempt = 1; attempt <= 10; attempt++) {
                assertThat(send(guesser, metrics, wrong).statusCode()).as("wrong password %d", attempt).isEqualTo(401);
            }

            assertThat(send(guesser, metrics, right).statusCode()).as("the right password, after ten wrong ones").isEqualTo(401);
        }
        assertThat(send(metrics, right).statusCode()).as("from another address").isEqualTo(200);
    }

    private static HttpResponse<String> send(HttpClient client, URI uri, String authorization) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReportsInboxIsForTheOperatorsCredentialNotForPlayers() throws Exception {
        URI reports = server.httpUri().resolve("/v1/reports");
        String playerToken = LudusTestClient.loginOffline(server.httpUri(), "inbox-curious").path("accessToken").asText();

        assertThat(send(reports, null).statusCode()).isEqualTo(401);
        assertThat(send(reports, "Bearer " + playerToken).statusCode()).isEqualTo(403);
        assertThat(send(reports, "Basic " + Base64.getEncoder()
                .encodeToString(("operator:wrong-" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
        HttpResponse<String> operator = send(reports, "Basic " + Base64.getEncoder()
                .encodeToString(("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
        assertThat(operator.body()).contains("\"reports\"");
        // the operator credential opens no game route
        assertThat(send(server.httpUri().resolve("/v1/players/x/stats"), "Basic " + Base64.getEncoder()
                .encodeToString(("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
    }

    private static HttpResponse<String> send(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
