package io.ludus.registry;

import java.util.Locale;

public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** The new schema must read data written with the old ones. */
    public boolean backward() {
        return backward;
    }

    /** The old schemas must read data written with the new one. */
    public boolean forward() {
        return forward;
    }

    /** Checked against every live version, not only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /** Parses a level as clients send it; case-insensitive like Confluent. */
    static CompatibilityLevel parse(String text) {
        if (text != null) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // falls through to the typed error
            }
        }
        throw new RegistryException(ErrorCode.INVALID_COMPATIBILITY_LEVEL,
                "Invalid compatibility level. Valid values are none, backward, forward, full, "
                        + "backward_transitive, forward_transitive, and full_transitive");
    }
}
