package io.ludus.replay;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ludus.security.SigningKeys;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Access tokens an attacker could bring, next to the one good token: each is a token as ingress issues it
 * (kid, iss, aud, sid) with one thing wrong.
 */
final class ForgedTokens {

    /** Long enough to sign HS512 with it too (512 bits). */
    static final String KEY = "replay-main-test-key-of-at-least-sixty-four-bytes-0123456789abcdef";

    private ForgedTokens() {}

    static String valid(String subject) {
        return signed(JWSAlgorithm.HS256, KEY, claims(subject).build());
    }

    static String unsigned(String subject) {
        return new PlainJWT(claims(subject).build()).serialize();
    }

    static String otherHmacSize(String subject) {
        return signed(JWSAlgorithm.HS512, KEY, claims(subject).build());
    }

    static String wrongKey(String subject) {
        return signed(JWSAlgorithm.HS256, "another-key-of-at-least-thirty-two-bytes-000000", claims(subject).build());
    }

    static String expired(String subject) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return signed(JWSAlgorithm.HS256, KEY, claims(subject).issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofMinutes(15)))).build());
    }

    static String notYetValid(String subject) {
        Instant future = Instant.now().plus(Duration.ofHours(2));
        return signed(JWSAlgorithm.HS256, KEY, claims(subject).notBeforeTime(Date.from(future)).build());
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject).issuer("ludus").audience("ludus-clients")
                .claim("sid", UUID.randomUUID().toString()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
    }

    /** Named as the configured key's id, whatever key it is signed with. */
    private static String signed(JWSAlgorithm algorithm, String key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(SigningKeys.kidOf(KEY)).build(), claims);
            jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
