package io.ludus.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The player access token, in one place: HS256 only, a {@code kid} naming a key of the {@link SigningKeys} ring,
 * {@code iss} and {@code aud} set and checked, subject = playerId, {@code sid} = the refresh family (session).
 * Ingress signs at login (it alone decides who gets a token and for how long); every process that checks tokens
 * verifies with any key of the ring, so a rotated key works everywhere at once.
 */
@Singleton
@Requires(property = JwtKeyCheck.ENABLED, notEquals = "false")
public class AccessTokens {

    public static final String SESSION_CLAIM = "sid";
    static final int MAX_TOKEN_LENGTH = 4096;
    /** Clock difference between nodes tolerated on exp and nbf. */
    static final Duration SKEW = Duration.ofSeconds(30);

    private final SigningKeys keys;
    private final TokenSettings settings;

    AccessTokens(SigningKeys keys, TokenSettings settings) {
        this.keys = keys;
        this.settings = settings;
    }

    /** A token for the player's session, signed with the ring's current key. */
    public String sign(UUID playerId, UUID sessionId, Duration lifetime) {
        Instant now = Instant.now();
        return sign(keys.signing(now), playerId, sessionId, now, lifetime);
    }

    /** A token signed with {@code key}, valid from {@code now} for {@code lifetime}. */
    public String sign(SigningKeys.SigningKey key, UUID playerId, UUID sessionId, Instant now, Duration lifetime) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(playerId.toString())
                .issuer(settings.issuer())
                .audience(settings.audience())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim(SESSION_CLAIM, sessionId.toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(key.secret()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with key " + key.kid(), e);
        }
        return jwt.serialize();
    }

    /** The player and session of a valid token, or empty for anything else (never an exception). */
    public Optional<Verified> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader header = jwt.getHeader();
            if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) || header.getKeyID() == null
                    || (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty())) {
                return Optional.empty();
            }
            Optional<SigningKeys.SigningKey> key = keys.verifying(header.getKeyID());
            if (key.isEmpty() || !jwt.verify(new MACVerifier(key.get().secret()))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = Instant.now();
            if (!settings.issuer().equals(claims.getIssuer())
                    || claims.getAudience() == null || !claims.getAudience().contains(settings.audience())
                    || claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().plus(SKEW).isAfter(now)
                    || (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(SKEW).isAfter(now))) {
                return Optional.empty();
            }
            return Optional.of(new Verified(UUID.fromString(claims.getSubject()), UUID.fromString(claims.getStringClaim(SESSION_CLAIM))));
        } catch (ParseException | JOSEException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    public record Verified(UUID playerId, UUID sessionId) {}
}
