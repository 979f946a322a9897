package io.ludus.ingress.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * Health is open to everyone; every other management endpoint is closed, whatever its own
 * default (Micronaut's metrics endpoint is open by default). Player tokens carry no operator
 * role, so they do not open these either.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
final class ManagementEndpointRule extends SensitiveEndpointRule {

    ManagementEndpointRule(EndpointSensitivityProcessor endpointSensitivityProcessor) {
        super(endpointSensitivityProcessor);
    }

    @Override
    protected Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication,
                                                  ExecutableMethod<?, ?> method) {
        return Publishers.just(method.getDeclaringType() == HealthEndpoint.class
                ? SecurityRuleResult.ALLOWED
                : SecurityRuleResult.REJECTED);
    }
}
