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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;

/**
 * The operator's credential for metrics and other management endpoints: HTTP Basic with
 * {@code ludus.management.username} (default {@code operator}) and {@code ludus.management.password}
 * (no default: without it nobody reads them). Independent of player tokens, so a process that
 * validates no tokens (a sim worker) can still be scraped. It authenticates on management routes and
 * routes secured for its role (the reports inbox) only: the operator is not a player and opens no game route.
 * Wrong passwords are limited per client address ({@link FailedAttempts}), as logins are.
 */
@Singleton
@Requires(beans = OperatorCredentials.class)
final class OperatorAuthentication<B> implements HttpRequestAuthenticationProvider<B> {

    static final String ROLE = OperatorCredentials.ROLE;
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAuthentication.class);

    private final EndpointSensitivityProcessor endpoints;
    private final OperatorCredentials credentials;
    private final FailedAttempts failures = new FailedAttempts(Clock.systemUTC());

    OperatorAuthentication(EndpointSensitivityProcessor endpoints, OperatorCredentials credentials) {
        this.endpoints = endpoints;
        this.credentials = credentials;
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
        if (!isManagementRoute(request)) {
            return AuthenticationResponse.failure(AuthenticationFailureReason.USER_NOT_FOUND);
        }
        InetAddress client = request.getRemoteAddress().getAddress();
        if (client != null && failures.exhausted(client)) {
            LOG.warn("operator credential refused unchecked: {} wrong passwords from {} within {}", FailedAttempts.LIMIT,
                    client.getHostAddress(), FailedAttempts.WINDOW);
            return AuthenticationResponse.failure(AuthenticationFailureReason.ACCOUNT_LOCKED);
        }
        if (this.credentials.matches(credentials.getIdentity(), credentials.getSecret())) {
            return AuthenticationResponse.success(this.credentials.username(), List.of(ROLE));
        }
        if (client != null) {
            failures.failed(client);
        }
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }

    /** A management endpoint, or a route secured for the operator's role (the reports inbox). */
    private boolean isManagementRoute(HttpRequest<B> request) {
        return request != null && request.getAttribute(HttpAttributes.ROUTE_MATCH, MethodBasedRouteMatch.class)
                .map(match -> endpoints.getEndpointMethods().containsKey(match.getExecutableMethod())
                        || List.of(match.getExecutableMethod().stringValues(Secured.class)).contains(ROLE))
                .orElse(false);
    }
}
