package io.ludus.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.Set;

/**
 * How a service logs. Logback reads the same keys (from the system property or the environment variable) in
 * {@code io/ludus/service/logback.xml}; this record only makes a bad value stop startup.
 *
 * @param format console format: {@code text}, or {@code json} for one JSON object per line
 * @param level  level of Ludus's own loggers ({@code io.ludus.*}): TRACE, DEBUG, INFO, WARN or ERROR
 */
@Context
@ConfigurationProperties("ludus.log")
public record LogSettings(
        @Bindable(defaultValue = "text") String format,
        @Bindable(defaultValue = "INFO") String level) {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    public LogSettings {
        if (!format.equals("text") && !format.equals("json")) {
            throw new InvalidSettingException("ludus.log.format", "must be text or json, was '" + format + "'");
        }
        if (!LEVELS.contains(level)) {
            throw new InvalidSettingException("ludus.log.level", "must be one of TRACE, DEBUG, INFO, WARN, ERROR, was '" + level + "'");
        }
    }
}
