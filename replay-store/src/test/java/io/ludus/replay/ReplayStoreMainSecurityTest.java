package io.ludus.replay;

import io.ludus.replay.format.SyntheticBattle;
import io.ludus.replay.store.ReplayStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay store's own process: which tokens it accepts, and who reads its management endpoints. */
@Tag("integration")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayStoreMainSecurityTest {

    private static final String MATCH = "main-security-match";
    private static final String OPERATOR_PASSWORD = "operator-password-for-tests";

    private final HttpClient http = HttpClient.newHttpClient();
    private Path replays;
    private ApplicationContext context;
    private URI base;

    @BeforeAll
    void start() throws IOException {
        replays = Files.createTempDirectory("replay-main");
        context = start(args(true));
        base = context.getBean(EmbeddedServer.class).start().getURI();
        context.getBean(ReplayStore.class).put(MATCH, SyntheticBattle.recordUnchecked(MATCH, 7));
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    /** As main starts it, without the "test" environment (no application-test.yml) and without main's exit on failure. */
    private static ApplicationContext start(String[] args) {
        return ReplayStoreMain.builder(args).deduceEnvironment(false).build().start();
    }

    @Test
    void refusesToStartWithoutATokenKey() throws IOException {
        assertThatThrownBy(() -> start(args(false)).close())
                .hasStackTraceContaining("micronaut.security.token.jwt.signatures.secret.generator.secret");
    }

    @Test
    void acceptsATokenSignedWithTheConfiguredKeyAndAlgorithm() throws Exception {
        assertThat(summary(ForgedTokens.valid("player-ann")).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsAnUnsignedToken() throws Exception {
        assertThat(summary(ForgedTokens.unsigned("player-ann")).statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsATokenSignedWithAnotherHmacSize() throws Exception {
        assertThat(summary(ForgedTokens.otherHmacSize("player-ann")).statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() throws Exception {
        assertThat(summary(ForgedTokens.wrongKey("player-ann")).statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsAnExpiredToken() throws Exception {
        assertThat(summary(ForgedTokens.expired("player-ann")).statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsATokenNotYetValid() throws Exception {
        assertThat(summary(ForgedTokens.notYetValid("player-ann")).statusCode()).isEqualTo(401);
    }

    @Test
    void healthShowsAnonymousCallersTheStatusOnly() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/health")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").doesNotContain("details");
    }

    @Test
    void metricsNeedTheOperatorCredential() throws Exception {
        URI metrics = base.resolve("/prometheus");

        assertThat(send(HttpRequest.newBuilder(metrics)).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer " + ForgedTokens.valid("player-ann"))).statusCode())
                .isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(metrics).header("Authorization", basic("operator", "wrong-password-of-some-length"))).statusCode())
                .isEqualTo(401);
        HttpResponse<String> operator = send(HttpRequest.newBuilder(metrics).header("Authorization", basic("operator", OPERATOR_PASSWORD)));
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("jvm_");
    }

    @Test
    void theOperatorCredentialOpensNoReplay() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/v1/replays/" + MATCH + "/summary"))
                .header("Authorization", basic("operator", OPERATOR_PASSWORD)));

        assertThat(response.statusCode()).isEqualTo(401);
    }

    private String[] args(boolean withKey) {
        List<String> args = new ArrayList<>(List.of(
                "--micronaut.server.port=-1",
                "--micronaut.server.host=127.0.0.1",
                "--ludus.replay.fs.directory=" + replays,
                "--ludus.replay.share.secret=replay-main-test-share-secret-0123456789",
                "--ludus.management.password=" + OPERATOR_PASSWORD));
        if (withKey) {
            args.add("--micronaut.security.token.jwt.signatures.secret.generator.secret=" + ForgedTokens.KEY);
        }
        return args.toArray(String[]::new);
    }

    private HttpResponse<String> summary(String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/v1/replays/" + MATCH + "/summary")).header("Authorization", "Bearer " + token));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
