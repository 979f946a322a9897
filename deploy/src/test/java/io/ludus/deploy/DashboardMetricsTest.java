package io.ludus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ludus.standalone.LudusServer;
import io.ludus.standalone.StandaloneConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard's queries read metrics a running Ludus server really exports: a standalone server (every
 * service in one process, the same meters) is started and its /prometheus scraped with the operator credential.
 */
@Tag("integration")
@Timeout(300)
class DashboardMetricsTest {

    private static final String OPERATOR_PASSWORD = "deploy-dashboard-operator";
    static final Path DASHBOARD = KubernetesManifestsTest.DEPLOY.resolve("compose/grafana/dashboards/ludus-overview.json");

    @TempDir
    static Path dataDir;
    static LudusServer server;
    static Set<String> exported;

    @BeforeAll
    static void scrapeARunningServer() throws Exception {
        System.setProperty("ludus.management.password", OPERATOR_PASSWORD);
        server = LudusServer.start(StandaloneConfig.parse(new String[] {"--data-dir", dataDir.toString(), "--http-port", "0",
                "--kafka-port", "0", "--kafka-controller-port", "0", "--registry-port", "0", "--postgres-port", "0"}, Map.of()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        // request metrics exist once a request has been served
        assertThat(http.send(HttpRequest.newBuilder(server.httpUri().resolve("/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(server.httpUri().resolve("/prometheus"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("operator:" + OPERATOR_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        exported = DashboardMetrics.exported(metrics.body());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        System.clearProperty("ludus.management.password");
    }

    @Test
    void everyDashboardQueryReadsExportedMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        assertThat(DashboardMetrics.expressions(dashboard)).hasSizeGreaterThan(8);
        assertThat(DashboardMetrics.problems(dashboard, exported)).as("exported: %s", exported).isEmpty();
    }

    @Test
    void aQueryOnAMetricNoServiceExportsIsReported() throws Exception {
        ObjectNode dashboard = (ObjectNode) new ObjectMapper().readTree(DASHBOARD.toFile());
        ((ObjectNode) dashboard.at("/panels/0/targets/0")).put("expr", "sum by (outcome) (rate(ludus_sim_simulation_total{job=\"ludus\"}[1m]))");

        assertThat(DashboardMetrics.problems(dashboard, exported)).containsExactly(
                "ludus_sim_simulation_total (in sum by (outcome) (rate(ludus_sim_simulation_total{job=\"ludus\"}[1m]))) is not exported");
    }

    @Test
    void metricNamesAreTheIdentifiersThatAreNeitherFunctionsNorLabels() {
        assertThat(DashboardMetrics.metricNames(
                "sum by (service, status) (rate(http_server_requests_seconds_count{uri!~\"/health\"}[5m])) / ignoring(x) up * 1e3 > bool 0.5"))
                .containsExactlyInAnyOrder("http_server_requests_seconds_count", "up");
    }
}
