package io.ludus.replay;

import io.ludus.replay.format.SyntheticBattle;
import io.ludus.replay.store.ReplayStore;
import io.ludus.security.AccessTokens;
import io.ludus.security.SigningKeys;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replay store's own process: which tokens it accepts, and who reads its management endpoints. */
@Tag("integration")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayStoreMainSecurityTest {

    private static final String MATCH = "main-security-match";
    /** A side of MATCH: token subjects are player ids, UUIDs. */
    private static final String ANN = "0a000000-0000-4000-8000-00000000000a";
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
        context.getBean(ReplayStore.class).put(MATCH, SyntheticBattle.recordUnchecked(SyntheticBattle.header(MATCH, ANN, "0b000000-0000-4000-8000-00000000000b"), 7));
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
        assertThat(summary(ForgedTokens.valid(ANN)).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsAnUnsignedToken() throws Exception {
        assertThat(summary(ForgedTokens.unsigned(ANN)).statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsATokenSignedWithAnotherHmacSize() throws Exception {
        assertThat(summary(ForgedTokens.otherHmacSize(ANN)).statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() throws Exception {
        assertThat(summary(ForgedTokens.wrongKey(ANN)).statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsAnExpiredToken() throws Exception {
        assertThat(summary(ForgedTokens.expired(ANN)).statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsATokenNotYetValid() throws Exception {
        assertThat(summary(ForgedTokens.notYetValid(ANN)).statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsTokensSignedByAnyKeyOfTheRingAndRefusesRetiredAndUnknownKeys() throws Exception {
        Path keyring = Files.createTempDirectory("replay-keyring").resolve("jwt-keyring");
        List<String> args = new ArrayList<>(List.of(args(true)));
        args.add("--ludus.tokens.keyring-file=" + keyring);
        try (ApplicationContext rotating = start(args.toArray(String[]::new))) {
            URI rotatingBase = rotating.getBean(EmbeddedServer.class).start().getURI();
            // signs as ingress does, with the ring's newest active key: ingress reads the same file
            AccessTokens tokens = rotating.getBean(AccessTokens.class);
            UUID player = UUID.fromString(ANN);
            String before = tokens.sign(player, UUID.randomUUID(), Duration.ofMinutes(15));
            assertThat(kid(before)).as("no keyring yet: the configured secret signs").isEqualTo(SigningKeys.kidOf(ForgedTokens.KEY));

            String newKid = SigningKeys.rotate(keyring, ForgedTokens.KEY, Instant.now(), Duration.ZERO, Duration.ofDays(1));
            Thread.sleep(SigningKeys.RELOAD_INTERVAL.toMillis() + 200);
            String after = tokens.sign(player, UUID.randomUUID(), Duration.ofMinutes(15));

            assertThat(kid(after)).isEqualTo(newKid);
            assertThat(summary(rotatingBase, after).statusCode()).as("signed by the new key").isEqualTo(200);
            assertThat(summary(rotatingBase, before).statusCode()).as("signed by the previous key, still in the ring").isEqualTo(200);
            String unknownSecret = "a-key-that-no-ring-holds-of-at-least-32-bytes";
            String unknown = tokens.sign(new SigningKeys.SigningKey(SigningKeys.kidOf(unknownSecret), unknownSecret.getBytes(StandardCharsets.UTF_8),
                    Instant.EPOCH), player, UUID.randomUUID(), Instant.now(), Duration.ofMinutes(15));
            assertThat(summary(rotatingBase, unknown).statusCode()).as("signed by a key outside the ring").isEqualTo(401);

            // a second rotation with no retention drops the first key: its tokens stop verifying
            Thread.sleep(1100);
            SigningKeys.rotate(keyring, ForgedTokens.KEY, Instant.now().plusSeconds(1), Duration.ZERO, Duration.ZERO);
            Thread.sleep(SigningKeys.RELOAD_INTERVAL.toMillis() + 200);
            assertThat(summary(rotatingBase, before).statusCode()).as("signed by the retired key").isEqualTo(401);
            assertThat(summary(rotatingBase, after).statusCode()).isEqualTo(200);
        }
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
        assertThat(send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer " + ForgedTokens.valid(ANN))).statusCode())
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
        return summary(base, token);
    }

    private HttpResponse<String> summary(URI server, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.resolve("/v1/replays/" + MATCH + "/summary")).header("Authorization", "Bearer " + token));
    }

    private static String kid(String token) throws java.text.ParseException {
        return com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
