package io.ludus.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * The only token validator of every process that checks player tokens: Micronaut's JWT validator
 * (in Micronaut Security 4.15 the Nimbus {@link ReactiveJsonWebTokenValidator} bean; JwtTokenValidator
 * is no bean there, so replacing that one left both validators in place) is replaced so that no second path (another algorithm, no issuer or audience check, a key without
 * id, the configured secret after its key left the ring) can accept a token, and a token signed by
 * any key of the ring is accepted everywhere.
 */
@Singleton
@Replaces(ReactiveJsonWebTokenValidator.class)
@Requires(property = JwtKeyCheck.ENABLED, notEquals = "false")
final class AccessTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final AccessTokens tokens;

    AccessTokenValidator(AccessTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, @Nullable HttpRequest<?> request) {
        return tokens.verify(token)
                .map(v -> Publishers.just(Authentication.build(v.playerId().toString(),
                        Map.of(AccessTokens.SESSION_CLAIM, v.sessionId().toString()))))
                .orElseGet(Publishers::empty);
    }
}
