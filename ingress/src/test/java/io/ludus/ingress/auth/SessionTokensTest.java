package io.ludus.ingress.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ludus.ingress.Http;
import io.ludus.ingress.IngressInfrastructure;
import io.ludus.ingress.ws.TestSocket;
import io.ludus.security.AccessTokens;
import io.ludus.security.SigningKeys;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Access tokens (kid, iss, aud, sid, one algorithm), key rotation, the refresh grace window and logout. */
@Tag("integration")
@Timeout(180)
@ExtendWith(IngressInfrastructure.class)
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionTokensTest implements TestPropertyProvider {

    static final String SECRET = "ingress-test-secret-that-is-longer-than-32-bytes";

    @Inject
    EmbeddedServer server;
    @Inject
    AccessTokens accessTokens;
    @Inject
    RefreshTokenStore refreshTokens;
    @Inject
    SigningKeys signingKeys;

    private Path keyring;

    @Override
    public Map<String, String> getProperties() {
        try {
            keyring = Files.createTempDirectory("keyring").resolve("jwt-keyring");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> properties = new HashMap<>(IngressInfrastructure.properties());
        properties.put("ludus.tokens.keyring-file", keyring.toString());
        return properties;
    }

    @Test
    void anAccessTokenCarriesKidIssuerAudienceAndTheSessionId() throws Exception {
        Map<String, Object> login = Http.login(server.getURL(), "kate");
        SignedJWT jwt = SignedJWT.parse((String) login.get("accessToken"));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getKeyID()).startsWith("k");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("ludus");
        assertThat(claims.getAudience()).containsExactly("ludus-clients");
        UUID session = UUID.fromString(claims.getStringClaim("sid"));
        assertThat(refreshTokens.isActive(session)).isTrue();
    }

    @Test
    void tokensWithAnotherAlgorithmAudienceIssuerOrNoKidAreRefused() throws Exception {
        // The current key: another test may have rotated it.
        SigningKeys.SigningKey current = signingKeys.signing(Instant.now());
        String kid = current.kid();
        UUID player = UUID.randomUUID();
        byte[] key = current.secret();
        byte[] longKey = new byte[64];
        System.arraycopy(key, 0, longKey, 0, key.length);

        String good = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims(player, "ludus", "ludus-clients"), key);
        assertThat(accessTokens.verify(good)).as("a well-formed token verifies").isPresent();

        assertThat(accessTokens.verify(new PlainJWT(claims(player, "ludus", "ludus-clients")).serialize())).as("alg none").isEmpty();
        assertThat(accessTokens.verify(sign(new JWSHeader.Builder(JWSAlgorithm.HS512).keyID(kid).build(),
                claims(player, "ludus", "ludus-clients"), longKey))).as("HS512").isEmpty();
        assertThat(accessTokens.verify(sign(new JWSHeader.Builder(JWSAlgorithm.HS256).build(),
                claims(player, "ludus", "ludus-clients"), key))).as("no kid").isEmpty();
        assertThat(accessTokens.verify(sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(),
                claims(player, "ludus", "another-service"), key))).as("audience").isEmpty();
        assertThat(accessTokens.verify(sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(),
                claims(player, "someone-else", "ludus-clients"), key))).as("issuer").isEmpty();
        assertThat(accessTokens.verify(sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(),
                claims(player, "ludus", "ludus-clients"), "a-different-secret-that-is-32-bytes-long!".getBytes()))).as("wrong key").isEmpty();

        Throwable refused = catchThrowable(() -> TestSocket.open(URI.create("ws://127.0.0.1:" + server.getPort() + "/v1/ws"),
                new PlainJWT(claims(player, "ludus", "ludus-clients")).serialize()));
        assertThat(refused).as("the socket refuses an unsigned token").isNotNull();
    }

    @Test
    void aRefreshRetriedWithinTheGraceWindowGetsTheSameAnswer() {
        String original = (String) Http.login(server.getURL(), "liam").get("refreshToken");
        Map<String, Object> first = Http.json(refresh(original));
        HttpResponse<String> retry = refresh(original);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(Http.json(retry).get("refreshToken")).isEqualTo(first.get("refreshToken"));
        HttpResponse<String> next = refresh((String) first.get("refreshToken"));
        assertThat(next.statusCode()).as("the family lives on").isEqualTo(200);
    }

    @Test
    void logoutRevokesTheSession() throws Exception {
        Map<String, Object> login = Http.login(server.getURL(), "mona");
        String access = (String) login.get("accessToken");
        UUID session = UUID.fromString(SignedJWT.parse(access).getJWTClaimsSet().getStringClaim("sid"));

        HttpResponse<String> anonymous = Http.post(server.getURL(), "/v1/auth/logout", "");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> logout = Http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/auth/logout"))
                .header("Authorization", "Bearer " + access).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(logout.statusCode()).isEqualTo(204);

        assertThat(refreshTokens.isActive(session)).isFalse();
        HttpResponse<String> refreshed = refresh((String) login.get("refreshToken"));
        assertThat(refreshed.statusCode()).isEqualTo(401);
        assertThat(Http.json(refreshed)).containsEntry("code", "SESSION_REVOKED");
    }

    @Test
    void aRotatedKeySignsNewTokensWhileOldTokensVerifyUntilTheOldKeyIsRetired() throws Exception {
        String before = (String) Http.login(server.getURL(), "nina").get("accessToken");
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
        assertThat(oldKid).isEqualTo(SigningKeys.kidOf(SECRET));

        String newKid = SigningKeys.rotate(keyring, SECRET, Instant.now(), Duration.ZERO, Duration.ofDays(1));
        Thread.sleep(SigningKeys.RELOAD_INTERVAL.toMillis() + 200);

        String after = (String) Http.login(server.getURL(), "nina").get("accessToken");
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid).isNotEqualTo(oldKid);
        assertThat(accessTokens.verify(before)).as("old token, old key still in the ring").isPresent();
        assertThat(accessTokens.verify(after)).isPresent();
        try (TestSocket socket = TestSocket.open(URI.create("ws://127.0.0.1:" + server.getPort() + "/v1/ws"), before)) {
            assertThat(socket.isOpen()).isTrue();
        }

        // A second rotation with no retention drops the first key: its tokens stop verifying.
        Thread.sleep(1100);
        SigningKeys.rotate(keyring, SECRET, Instant.now().plusSeconds(1), Duration.ZERO, Duration.ZERO);
        Thread.sleep(SigningKeys.RELOAD_INTERVAL.toMillis() + 200);
        assertThat(accessTokens.verify(before)).as("old key retired").isEmpty();
        assertThat(accessTokens.verify(after)).as("the key that replaced it stays until it is replaced long enough").isPresent();
    }

    private HttpResponse<String> refresh(String token) {
        return Http.post(server.getURL(), "/v1/auth/refresh", "{\"refreshToken\":\"" + token + "\"}");
    }

    private static JWTClaimsSet claims(UUID player, String issuer, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(player.toString()).issuer(issuer).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("sid", UUID.randomUUID().toString()).build();
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, byte[] key) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }
}
