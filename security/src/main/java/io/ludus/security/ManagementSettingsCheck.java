package io.ludus.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * Health details (error texts, cluster ids, URLs) are for authenticated callers only: refuse a
 * configuration that shows them to anonymous ones.
 */
@Context
final class ManagementSettingsCheck {

    static final String DETAILS_VISIBLE = "endpoints.health.details-visible";

    ManagementSettingsCheck(@Value("${" + DETAILS_VISIBLE + ":AUTHENTICATED}") String detailsVisible) {
        if (detailsVisible.equalsIgnoreCase("ANONYMOUS")) {
            throw new ConfigurationException(DETAILS_VISIBLE + "=ANONYMOUS would show health details to anyone; use AUTHENTICATED or NEVER");
        }
    }
}
