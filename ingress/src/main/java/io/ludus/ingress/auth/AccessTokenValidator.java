package io.ludus.ingress.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.JwtTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.Map;

/**
 * The only token validator: Micronaut's JWT validator is replaced so that no second path (another
 * algorithm, no issuer or audience check, a key without id) can accept a token.
 */
@Singleton
@Replaces(JwtTokenValidator.class)
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
