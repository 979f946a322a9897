package io.ludus.events.topic;

import java.util.Arrays;
import java.util.Optional;

/** Kafka's {@code cleanup.policy} values the catalogue uses. */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    static Optional<CleanupPolicy> fromConfigValue(String value) {
        return Arrays.stream(values()).filter(p -> p.configValue.equals(value)).findFirst();
    }
}
