package io.ludus.security;

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
 * The one management rule of every Ludus process: health is open to everyone (its details are
 * for authenticated callers, see {@link ManagementSettingsCheck}); every other management endpoint,
 * metrics included, is for the operator only, whatever the endpoint's own sensitivity setting.
 * Player tokens carry no operator role.
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
        if (method.getDeclaringType() == HealthEndpoint.class) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        boolean operator = authentication != null && authentication.getRoles().contains(OperatorAuthentication.ROLE);
        return Publishers.just(operator ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
