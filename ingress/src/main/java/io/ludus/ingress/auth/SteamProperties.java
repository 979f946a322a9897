package io.ludus.ingress.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;

/**
 * Settings under {@code ludus.ingress.steam}, needed only when steam is among the login modes.
 *
 * @param apiUrl         Steam Web API base URL (default https://partner.steam-api.com, where publisher keys work)
 * @param webApiKey      publisher Web API key; never logged (no default; required for steam)
 * @param appId          the game's Steam app id (no default; required for steam)
 * @param identity       the identity string the client passed to GetAuthTicketForWebApi, if any (default none)
 * @param allowVacBanned let VAC-banned accounts log in; publisher bans always refuse (default false)
 * @param timeout        per call to Steam (default 5s)
 */
@Context
@ConfigurationProperties("ludus.ingress.steam")
public record SteamProperties(
        @Bindable(defaultValue = "https://partner.steam-api.com") String apiUrl,
        @Nullable String webApiKey,
        @Nullable Long appId,
        @Nullable String identity,
        @Bindable(defaultValue = "false") boolean allowVacBanned,
        @Bindable(defaultValue = "5s") Duration timeout) {

    public SteamProperties {
        URI parsed;
        try {
            parsed = URI.create(apiUrl);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("ludus.ingress.steam.api-url is not a URL: " + apiUrl);
        }
        if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme()) || parsed.getHost() == null) {
            throw new IllegalArgumentException("ludus.ingress.steam.api-url must be an http(s) URL with a host, was " + apiUrl);
        }
        if (appId != null && appId <= 0) {
            throw new IllegalArgumentException("ludus.ingress.steam.app-id must be a positive number, was " + appId);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("ludus.ingress.steam.timeout must be a positive duration, was " + timeout);
        }
    }

    void requireComplete() {
        if (webApiKey == null || webApiKey.isBlank()) {
            throw new IllegalArgumentException("ludus.ingress.steam.web-api-key must be set when ludus.ingress.auth.modes lists steam");
        }
        if (appId == null) {
            throw new IllegalArgumentException("ludus.ingress.steam.app-id must be set when ludus.ingress.auth.modes lists steam");
        }
    }

    @Override
    public String toString() {
        // The key must never reach a log, even through a debug dump of the configuration.
        return "SteamProperties[apiUrl=" + apiUrl + ", appId=" + appId + ", allowVacBanned=" + allowVacBanned + "]";
    }
}
