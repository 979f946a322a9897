package io.ludus.notifier;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.Topics;
import io.ludus.security.AccessTokens;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifier's own process: wired for its role it starts without a token key, serves no player route, trusts no
 * bearer token, shows health's status to anyone and its other management endpoints, metrics included, to the
 * operator only; every other route stays closed.
 */
@Tag("integration")
@Timeout(180)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class NotifierMainSecurityTest {

    private static final String OPERATOR_PASSWORD = "operator-password-for-tests";
    /** The open surface: health. Adding to this list needs a reason. */
    private static final Set<String> OPEN = Set.of("GET /health", "HEAD /health", "GET /health/{selector}", "HEAD /health/{selector}");

    @TempDir
    Path stateDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyManagementRouteButHealthIsForTheOperatorAndNoPlayerTokenOpensAnyRoute(TestKafka kafka, TestSchemaRegistry registry) throws Exception {
        new TopicProvisioner(kafka.admin(), (short) 1, Duration.ofSeconds(30)).provision(Topics.ALL);
        try (ApplicationContext context = start(kafka, registry)) {
            URI base = context.getBean(EmbeddedServer.class).start().getURI();
            assertThat(context.containsBean(AccessTokens.class)).as("checks no player token, needs no token key").isFalse();

            Set<String> seen = new TreeSet<>();
            for (UriRouteInfo<?, ?> route : context.getBean(Router.class).uriRoutes().toList()) {
                String key = route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString();
                seen.add(key);
                if (OPEN.contains(key)) {
                    continue;
                }
                URI uri = base.resolve(route.getUriMatchTemplate().toPathString());
                String method = route.getHttpMethodName();
                assertThat(send(uri, method, null).statusCode()).as("%s anonymous", key).isEqualTo(401);
                assertThat(send(uri, method, "Bearer " + playerToken()).statusCode()).as("%s with a player token", key).isEqualTo(401);
                assertThat(send(uri, method, basic("operator", "not-the-operator-password")).statusCode()).as("%s, wrong password", key)
                        .isEqualTo(401);
                boolean management = route.getTargetMethod().getDeclaringType().isAnnotationPresent(Endpoint.class);
                assertThat(send(uri, method, basic("operator", OPERATOR_PASSWORD)).statusCode())
                        .as("%s as the operator: management endpoints only", key).isEqualTo(management ? 200 : 401);
            }
            assertThat(seen).contains("GET /health", "GET /prometheus");

            HttpResponse<String> health = send(base.resolve("/health"), "GET", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\"").doesNotContain("details");
            assertThat(send(base.resolve("/prometheus"), "GET", basic("operator", OPERATOR_PASSWORD)).body()).contains("jvm_");
        }
    }

    /** As main starts it, without the "test" environment and without main's exit on failure. */
    private ApplicationContext start(TestKafka kafka, TestSchemaRegistry registry) {
        return NotifierMain.builder(
                        "--micronaut.server.port=-1",
                        "--micronaut.server.host=127.0.0.1",
                        "--ludus.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--ludus.registry.url=" + registry.url(),
                        "--ludus.notifier.state-dir=" + stateDir,
                        "--ludus.notifier.application-id=notifier-main-security-" + System.nanoTime(),
                        "--ludus.management.password=" + OPERATOR_PASSWORD)
                .deduceEnvironment(false).build().start();
    }

    private HttpResponse<String> send(URI uri, String method, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A well-formed HS256 player token, as ingress issues them; this process has no key to check it with. */
    private static String playerToken() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString()).issuer("ludus").audience("ludus-clients")
                .claim("sid", UUID.randomUUID().toString()).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k000000000000").build(), claims);
        jwt.sign(new MACSigner("notifier-test-key-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
