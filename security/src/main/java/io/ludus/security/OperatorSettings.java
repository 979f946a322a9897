package io.ludus.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Settings under {@code ludus.management}: the operator's one credential, checked by HTTP Basic on management routes
 * and by the admin dashboard's login.
 *
 * @param username the operator's user name
 * @param password the operator's password, at least 16 characters; unset: /metrics and the dashboard refuse everyone
 */
@ConfigurationProperties("ludus.management")
public record OperatorSettings(@Bindable(defaultValue = "operator") String username, @Nullable String password) {
}
