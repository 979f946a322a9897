package io.ludus.ingress.auth;

import java.util.Arrays;
import java.util.Locale;

/** A way to log in that a deployment can offer (ludus.ingress.auth.modes). */
public enum LoginMode {
    OFFLINE, PASSWORD, STEAM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static LoginMode parse(String value) {
        for (LoginMode mode : values()) {
            if (mode.wireName().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("ludus.ingress.auth.modes: '" + value + "' is not a login mode (one of "
                + Arrays.stream(values()).map(LoginMode::wireName).toList() + ")");
    }
}
