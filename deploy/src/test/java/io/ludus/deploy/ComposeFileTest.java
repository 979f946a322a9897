package io.ludus.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/compose without Docker: the compose file, Caddy and Prometheus against the configuration model and the catalogue. */
class ComposeFileTest {

    static final Path COMPOSE = KubernetesManifestsTest.DEPLOY.resolve("compose");

    static ComposeChecks checks;
    static ObjectNode prometheus;
    static String caddyfile;
    static String topicsScript;

    @BeforeAll
    static void load() {
        checks = new ComposeChecks(ConfigurationModel.fromCode(KubernetesManifestsTest.DEPLOY.getParent()));
        prometheus = Yaml.single(COMPOSE.resolve("prometheus/prometheus.yml"));
        caddyfile = ComposeChecks.read(COMPOSE.resolve("caddy/Caddyfile"));
        topicsScript = ComposeChecks.read(COMPOSE.resolve("create-topics.sh"));
    }

    private static ObjectNode compose() {
        return Yaml.single(COMPOSE.resolve("compose.yaml"));
    }

    private static List<String> problems(ObjectNode compose) {
        return checks.problems(compose, COMPOSE, caddyfile, prometheus, topicsScript);
    }

    @Test
    void everyServiceMatchesTheConfigurationModelAndTheCatalogue() {
        ObjectNode compose = compose();

        assertThat(problems(compose)).isEmpty();
        assertThat(compose.path("services").properties()).extracting(e -> e.getKey()).contains("kafka", "schema-registry",
                "postgres", "s3", "ingress", "matchmaker", "sim-workers", "projections", "notifier", "replay", "outbox-relay",
                "admin", "caddy", "prometheus", "grafana");
        assertThat(compose.at("/services/kafka/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
    }

    @Test
    void statelessServicesRunTwice() {
        ObjectNode compose = compose();

        for (String service : List.of("ingress", "sim-workers", "projections", "replay", "admin")) {
            assertThat(compose.at("/services/" + service + "/deploy/replicas").asInt()).as(service).isEqualTo(2);
        }
    }

    @Test
    void anEnvironmentVariableNotInTheModelIsReported() {
        ObjectNode compose = compose();
        ((ObjectNode) compose.at("/services/ingress/environment")).put("LUDUS_KAFKA_BOOTSTRAP", "kafka:9092");
        ((ObjectNode) compose.at("/services/sim-workers/environment")).put("LUDUS_SIM_THREAD", "2");

        assertThat(problems(compose)).containsExactlyInAnyOrder(
                "ingress: LUDUS_KAFKA_BOOTSTRAP is not a configuration key of ingress",
                "sim-workers: LUDUS_SIM_THREAD is not a configuration key of sim-workers");
    }

    @Test
    void aMissingRequiredVariableAnUnknownImageAndALatestTagAreReported() {
        ObjectNode compose = compose();
        ((ObjectNode) compose.at("/services/replay/environment")).remove("MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_SECRET_GENERATOR_SECRET");
        ((ObjectNode) compose.at("/services/admin")).put("image", "ludus/dashboard:1");
        ((ObjectNode) compose.at("/services/postgres")).put("image", "postgres:latest");

        assertThat(problems(compose)).contains(
                "replay: required MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_SECRET_GENERATOR_SECRET is not set",
                "admin: image ludus/dashboard:1 names no Ludus service",
                "postgres: image postgres:latest is not pinned to a version");
    }

    @Test
    void aPortCaddyOrPrometheusDoNotFindIsReported() {
        ObjectNode compose = compose();
        ((ObjectNode) compose.at("/services/replay/environment")).put("MICRONAUT_SERVER_PORT", "9000");

        assertThat(problems(compose)).containsExactlyInAnyOrder(
                "replay: does not expose its HTTP port 9000",
                "Caddyfile: upstream replay:8080 is no Ludus service's HTTP port",
                "prometheus.yml: scrapes {admin=8080, ingress=8080, matchmaker=8080, notifier=8080, outbox-relay=8080, projections=8080,"
                        + " replay=8080, sim-workers=8080}, the services listen on {admin=8080, ingress=8080, matchmaker=8080,"
                        + " notifier=8080, outbox-relay=8080, projections=8080, replay=9000, sim-workers=8080}");
    }

    @Test
    void aTopicScriptThatDriftsFromTheCatalogueIsReported() {
        String drifted = topicsScript.replace("topic matchmaking-tickets 6", "topic matchmaking-tickets 12")
                .replace("topic command-rejections", "# topic command-rejections");

        assertThat(checks.problems(compose(), COMPOSE, caddyfile, prometheus, drifted)).containsExactlyInAnyOrder(
                "create-topics.sh: command-rejections: catalogue " + FromCode.topics().get("command-rejections") + ", script null",
                "create-topics.sh: matchmaking-tickets: catalogue " + FromCode.topics().get("matchmaking-tickets") + ", script "
                        + new FromCode.Topic(12, FromCode.topics().get("matchmaking-tickets").configs()));
    }

    @Test
    void aTokenCheckingServiceThatCannotSeeTheSharedKeyringIsReported() {
        ObjectNode compose = compose();
        ((ObjectNode) compose.at("/services/replay/environment")).remove("LUDUS_TOKENS_KEYRING_FILE");
        ((ObjectNode) compose.at("/services/admin")).remove("volumes");
        ((com.fasterxml.jackson.databind.node.ArrayNode) compose.at("/services/projections/volumes")).removeAll()
                .add("other-keys:/var/lib/ludus/keys:ro");

        assertThat(problems(compose)).containsExactlyInAnyOrder(
                "replay: checks tokens but sets no LUDUS_TOKENS_KEYRING_FILE, so it never sees a rotated signing key",
                "admin: LUDUS_TOKENS_KEYRING_FILE is in /var/lib/ludus/keys, where no named volume is mounted",
                "the token-checking services mount different keyring volumes {ingress=jwt-keys, matchmaker=jwt-keys,"
                        + " projections=other-keys}: a rotation must reach every one of them");
    }
}
