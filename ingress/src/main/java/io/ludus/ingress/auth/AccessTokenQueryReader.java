package io.ludus.ingress.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Browsers cannot set headers on a WebSocket upgrade, so the socket also accepts the token as
 * {@code ?access_token=}. Only there: elsewhere a token in a URL would end up in logs.
 */
@Singleton
final class AccessTokenQueryReader implements TokenReader<HttpRequest<?>> {

    static final String PARAMETER = "access_token";
    static final String SOCKET_PATH = "/v1/ws";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!SOCKET_PATH.equals(request.getPath())) {
            return Optional.empty();
        }
        return request.getParameters().getFirst(PARAMETER);
    }

    @Override
    public int getOrder() {
        // After the Authorization header reader.
        return 100;
    }
}
