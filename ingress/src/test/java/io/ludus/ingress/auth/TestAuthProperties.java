package io.ludus.ingress.auth;

import java.time.Duration;
import java.util.List;

/** AuthProperties with the documented defaults, for tests that build beans by hand. */
final class TestAuthProperties {

    private TestAuthProperties() {}

    static AuthProperties defaults() {
        return with(List.of(), false, 30);
    }

    static AuthProperties with(List<String> modes, boolean allowRemoteOffline, int refreshRateLimit) {
        return new AuthProperties(modes, allowRemoteOffline, List.of(), refreshRateLimit, Duration.ofHours(1), 4096,
                Duration.ofSeconds(30), Duration.ofDays(90), 1024, 1, 1, 2);
    }

    static SteamProperties noSteam() {
        return new SteamProperties("https://partner.steam-api.com", null, null, null, false, Duration.ofSeconds(5));
    }
}
