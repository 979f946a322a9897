package io.ludus.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Every process that validates access tokens refuses to start without a signing key: with no key,
 * Micronaut accepts unsigned ({@code alg: none}) tokens. The key must be at least 256 bits and the
 * algorithm one of the HMAC family; {@link PinnedSecretSignature} then accepts that one algorithm only.
 */
@Context
@Requires(property = JwtKeyCheck.ENABLED, notEquals = "false")
public final class JwtKeyCheck {

    static final String ENABLED = "micronaut.security.token.jwt.enabled";
    public static final String SECRET = "micronaut.security.token.jwt.signatures.secret.generator.secret";
    static final String ALGORITHM = "micronaut.security.token.jwt.signatures.secret.generator.jws-algorithm";
    static final int MIN_SECRET_BYTES = 32;
    private static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    JwtKeyCheck(@Value("${" + SECRET + ":}") String secret, @Value("${" + ALGORITHM + ":HS256}") String algorithm) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new ConfigurationException(SECRET + " must be set to a secret of at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (!HMAC.contains(JWSAlgorithm.parse(algorithm))) {
            throw new ConfigurationException(ALGORITHM + " must be HS256, HS384 or HS512, was " + algorithm);
        }
    }
}
