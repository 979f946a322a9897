package io.ludus.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import io.micronaut.web.router.MethodBasedRouteMatch;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The operator's credential for metrics and other management endpoints: HTTP Basic with
 * {@code ludus.management.username} (default {@code operator}) and {@code ludus.management.password}
 * (no default: without it nobody reads them). Independent of player tokens, so a process that
 * validates no tokens (a sim worker) can still be scraped. It authenticates on management routes and
 * routes secured for its role (the reports inbox) only: the operator is not a player and opens no game route.
 */
@Singleton
@Requires(beans = OperatorCredentials.class)
final class OperatorAuthentication<B> implements HttpRequestAuthenticationProvider<B> {

    static final String ROLE = OperatorCredentials.ROLE;

    private final EndpointSensitivityProcessor endpoints;
    private final OperatorCredentials credentials;

    OperatorAuthentication(EndpointSensitivityProcessor endpoints, OperatorCredentials credentials) {
        this.endpoints = endpoints;
        this.credentials = credentials;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
        if (!isManagementRoute(request)) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.USER_NOT_FOUND);
        }
        return this.credentials.matches(credentials.getIdentity(), credentials.getSecret())
                ? AuthenticationResponse.success(this.credentials.username(), List.of(ROLE))
                : AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }

    /** A management endpoint, or a route secured for the operator's role (the reports inbox). */
    private boolean isManagementRoute(HttpRequest<B> request) {
        return request != null && request.getAttribute(HttpAttributes.ROUTE_MATCH, MethodBasedRouteMatch.class)
                .map(match -> endpoints.getEndpointMethods().containsKey(match.getExecutableMethod())
                        || List.of(match.getExecutableMethod().stringValues(Secured.class)).contains(ROLE))
                .orElse(false);
    }
}
