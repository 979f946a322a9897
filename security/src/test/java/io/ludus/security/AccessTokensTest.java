package io.ludus.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every process that checks player tokens accepts: a token signed by any key of the ring, in the one format,
 * and nothing else. Processes other than ingress verify with this same class, so a rotation reaches them too.
 */
class AccessTokensTest {

    static final String SECRET = "a-signing-secret-of-at-least-32-bytes!";
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private final UUID player = UUID.randomUUID();
    private final UUID session = UUID.randomUUID();

    @Test
    void aTokenSignedByTheKeyARotationAddedVerifiesAsDoOlderOnesUntilTheirKeyIsRetired(@TempDir Path dir) throws Exception {
        Path keyring = dir.resolve("jwt-keyring");
        AccessTokens tokens = tokens(keyring);
        String before = tokens.sign(player, session, LIFETIME);

        String newKid = SigningKeys.rotate(keyring, SECRET, Instant.now(), Duration.ZERO, Duration.ofDays(1));
        // a process that started before the rotation: it sees the new key within a reload interval
        Thread.sleep(SigningKeys.RELOAD_INTERVAL.toMillis() + 100);
        String after = tokens.sign(player, session, LIFETIME);

        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(tokens.verify(after)).contains(new AccessTokens.Verified(player, session));
        assertThat(tokens.verify(before)).as("the previous key stays in the ring").isPresent();
        assertThat(tokens(keyring).verify(after)).as("a process started after the rotation").isPresent();

        Thread.sleep(1100);
        SigningKeys.rotate(keyring, SECRET, Instant.now().plusSeconds(1), Duration.ZERO, Duration.ZERO);
        Thread.sleep(SigningKeys.RELOAD_INTERVAL.toMillis() + 100);
        assertThat(tokens.verify(before)).as("its key retired").isEmpty();
        assertThat(tokens.verify(after)).isPresent();
    }

    @Test
    void aTokenSignedByAKeyOutsideTheRingIsRefused(@TempDir Path dir) throws Exception {
        Path keyring = dir.resolve("jwt-keyring");
        SigningKeys.rotate(keyring, SECRET, Instant.now(), Duration.ZERO, Duration.ofDays(1));
        AccessTokens tokens = tokens(keyring);
        String other = "another-secret-of-at-least-thirty-two-bytes";
        SigningKeys.SigningKey unknown = new SigningKeys.SigningKey(SigningKeys.kidOf(other), bytes(other), Instant.EPOCH);
        SigningKeys.SigningKey forgedUnderAKnownId = new SigningKeys.SigningKey(SigningKeys.kidOf(SECRET), bytes(other), Instant.EPOCH);

        assertThat(tokens.verify(tokens.sign(unknown, player, session, Instant.now(), LIFETIME))).as("unknown kid").isEmpty();
        assertThat(tokens.verify(tokens.sign(forgedUnderAKnownId, player, session, Instant.now(), LIFETIME))).as("known kid, other key").isEmpty();
    }

    @Test
    void anythingButTheOneFormatIsRefused(@TempDir Path dir) throws Exception {
        AccessTokens tokens = tokens(dir.resolve("absent"));
        String kid = SigningKeys.kidOf(SECRET);
        byte[] key = bytes(SECRET);
        byte[] longKey = new byte[64];
        System.arraycopy(key, 0, longKey, 0, key.length);
        Instant now = Instant.now();

        assertThat(tokens.verify(sign(header(JWSAlgorithm.HS256, kid), claims("ludus", "ludus-clients", now), key))).as("well-formed").isPresent();
        assertThat(tokens.verify(new PlainJWT(claims("ludus", "ludus-clients", now)).serialize())).as("alg none").isEmpty();
        assertThat(tokens.verify(sign(header(JWSAlgorithm.HS512, kid), claims("ludus", "ludus-clients", now), longKey))).as("HS512").isEmpty();
        assertThat(tokens.verify(sign(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims("ludus", "ludus-clients", now), key)))
                .as("no kid").isEmpty();
        assertThat(tokens.verify(sign(header(JWSAlgorithm.HS256, kid), claims("ludus", "another-service", now), key))).as("audience").isEmpty();
        assertThat(tokens.verify(sign(header(JWSAlgorithm.HS256, kid), claims("someone-else", "ludus-clients", now), key))).as("issuer").isEmpty();
        assertThat(tokens.verify(tokens.sign(player, session, Duration.ofMinutes(-5)))).as("expired").isEmpty();
        SigningKeys.SigningKey current = new SigningKeys.SigningKey(kid, key, Instant.EPOCH);
        assertThat(tokens.verify(tokens.sign(current, player, session, now.plus(Duration.ofHours(1)), LIFETIME))).as("not valid yet").isEmpty();
        assertThat(tokens.verify("x".repeat(AccessTokens.MAX_TOKEN_LENGTH + 1))).as("too long").isEmpty();
        assertThat(tokens.verify("garbage")).isEmpty();
    }

    private static AccessTokens tokens(Path keyring) {
        TokenSettings settings = SigningKeysTest.withKeyring(keyring);
        return new AccessTokens(new SigningKeys(settings, SECRET), settings);
    }

    private JWTClaimsSet claims(String issuer, String audience, Instant now) {
        return new JWTClaimsSet.Builder().subject(player.toString()).issuer(issuer).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .claim(AccessTokens.SESSION_CLAIM, session.toString()).build();
    }

    private static JWSHeader header(JWSAlgorithm algorithm, String kid) {
        return new JWSHeader.Builder(algorithm).keyID(kid).build();
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, byte[] key) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
