package io.ludus.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import io.micronaut.web.router.MethodBasedRouteMatch;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The operator's credential for metrics and other management endpoints: HTTP Basic with
 * {@code ludus.management.username} (default {@code operator}) and {@code ludus.management.password}
 * (no default: without it nobody reads them). Independent of player tokens, so a process that
 * validates no tokens (a sim worker) can still be scraped. It authenticates on management routes
 * only: the operator is not a player and opens no game route.
 */
@Singleton
@Requires(property = OperatorAuthentication.PASSWORD)
final class OperatorAuthentication<B> implements HttpRequestAuthenticationProvider<B> {

    static final String ROLE = "OPERATOR";
    static final String USERNAME = "ludus.management.username";
    static final String PASSWORD = "ludus.management.password";
    static final int MIN_PASSWORD_CHARS = 16;

    private final EndpointSensitivityProcessor endpoints;
    private final byte[] username;
    private final byte[] password;

    OperatorAuthentication(EndpointSensitivityProcessor endpoints,
                           @Value("${" + USERNAME + ":operator}") String username, @Value("${" + PASSWORD + "}") String password) {
        if (username.isBlank()) {
            throw new ConfigurationException(USERNAME + " must not be blank");
        }
        if (password.length() < MIN_PASSWORD_CHARS) {
            throw new ConfigurationException(PASSWORD + " must be at least " + MIN_PASSWORD_CHARS + " characters");
        }
        this.endpoints = endpoints;
        this.username = username.getBytes(StandardCharsets.UTF_8);
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
        if (!isManagementRoute(request)) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.USER_NOT_FOUND);
        }
        boolean userMatches = MessageDigest.isEqual(username, bytes(credentials.getIdentity()));
        boolean passwordMatches = MessageDigest.isEqual(password, bytes(credentials.getSecret()));
        return userMatches && passwordMatches
                ? AuthenticationResponse.success(new String(username, StandardCharsets.UTF_8), List.of(ROLE))
                : AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }

    private boolean isManagementRoute(HttpRequest<B> request) {
        return request != null && request.getAttribute(HttpAttributes.ROUTE_MATCH, MethodBasedRouteMatch.class)
                .map(match -> endpoints.getEndpointMethods().containsKey(match.getExecutableMethod()))
                .orElse(false);
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
