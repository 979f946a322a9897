package io.ludus.ingress.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;

import java.nio.charset.StandardCharsets;

/** HS256 needs a secret of at least 256 bits; without one no token could be issued, so fail at startup. */
@Context
final class JwtSecretCheck {

    static final String KEY = "micronaut.security.token.jwt.signatures.secret.generator.secret";

    JwtSecretCheck(@Value("${" + KEY + ":}") String secret) {
        if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException(KEY + " must be set to a secret of at least 32 bytes");
        }
    }
}
