package io.ludus.workers;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ludus.replay.api.ReplayController;
import io.ludus.replay.api.ShareLinks;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sim workers' own process: wired for the worker role, it starts with no token key and no share
 * secret, serves no replay, trusts no bearer token of any kind, and shows its metrics to the operator only.
 */
@Tag("integration")
@Timeout(180)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class SimWorkersMainSecurityTest {

    private static final String OPERATOR_PASSWORD = "operator-password-for-tests";
    private static final String KEY = "sim-main-test-key-of-at-least-sixty-four-bytes-0123456789abcdefgh";

    @TempDir
    Path replays;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsWithoutTokenKeyOrShareSecretAndServesNoReplays(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        try (ApplicationContext context = start(kafka, registry)) {
            URI base = context.getBean(EmbeddedServer.class).start().getURI();

            assertThat(context.containsBean(SimulationWorker.class)).isTrue();
            assertThat(context.containsBean(ReplayController.class)).isFalse();
            assertThat(context.containsBean(ShareLinks.class)).isFalse();
            assertThat(get(base.resolve("/v1/replays/some-match"), "Bearer " + signed(JWSAlgorithm.HS256, claims())).statusCode())
                    .isNotEqualTo(200);
        }
    }

    @Test
    void noBearerTokenOpensMetricsWhateverItsSignature(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        try (ApplicationContext context = start(kafka, registry)) {
            URI metrics = context.getBean(EmbeddedServer.class).start().getURI().resolve("/prometheus");

            Instant past = Instant.now().minus(Duration.ofHours(2));
            Instant future = Instant.now().plus(Duration.ofHours(2));
            List<String> forged = List.of(
                    new PlainJWT(claims().build()).serialize(),
                    signed(JWSAlgorithm.HS256, claims()),
                    signed(JWSAlgorithm.HS512, claims()),
                    signed(JWSAlgorithm.HS256, claims().expirationTime(Date.from(past))),
                    signed(JWSAlgorithm.HS256, claims().notBeforeTime(Date.from(future))));
            for (String token : forged) {
                assertThat(get(metrics, "Bearer " + token).statusCode()).as(token).isEqualTo(401);
            }
        }
    }

    @Test
    void healthShowsStatusOnlyAndMetricsNeedTheOperator(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        try (ApplicationContext context = start(kafka, registry)) {
            URI base = context.getBean(EmbeddedServer.class).start().getURI();

            HttpResponse<String> health = get(base.resolve("/health"), null);
            assertThat(health.body()).contains("\"status\"").doesNotContain("details");
            assertThat(get(base.resolve("/prometheus"), null).statusCode()).isEqualTo(401);
            HttpResponse<String> operator = get(base.resolve("/prometheus"), basic("operator", OPERATOR_PASSWORD));
            assertThat(operator.statusCode()).isEqualTo(200);
            assertThat(operator.body()).contains("jvm_");
        }
    }

    /** As main starts it, without the "test" environment and without main's exit on failure. */
    private ApplicationContext start(TestKafka kafka, TestSchemaRegistry registry) {
        String prefix = "main-security-" + System.nanoTime() + ".";
        return SimWorkersMain.builder(
                        "--micronaut.server.port=-1",
                        "--micronaut.server.host=127.0.0.1",
                        "--ludus.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--ludus.registry.url=" + registry.url(),
                        "--ludus.replay.fs.directory=" + replays,
                        "--ludus.sim.threads=1",
                        "--ludus.sim.topic-prefix=" + prefix,
                        "--ludus.sim.group-id=" + prefix + "group",
                        "--ludus.management.password=" + OPERATOR_PASSWORD)
                .deduceEnvironment(false).build().start();
    }

    private HttpResponse<String> get(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject("operator").claim("roles", List.of("OPERATOR"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
    }

    private static String signed(JWSAlgorithm algorithm, JWTClaimsSet.Builder claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims.build());
        jwt.sign(new MACSigner(KEY.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
