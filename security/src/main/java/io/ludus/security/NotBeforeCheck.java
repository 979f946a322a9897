package io.ludus.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.validator.NotBeforeJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * Micronaut checks {@code nbf} only when asked to ({@code claims-validators.not-before}, off by
 * default); a token that is not valid yet must not be accepted, so this check is always on.
 */
@Singleton
@Requires(property = NotBeforeJwtClaimsValidator.NOT_BEFORE_PROP, notEquals = "true")
final class NotBeforeCheck<T> extends NotBeforeJwtClaimsValidator<T> {
}
