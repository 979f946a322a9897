package io.ludus.security;

import io.ludus.service.InvalidSettingException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Settings under {@code ludus.tokens}: what ingress, which issues player access tokens, and every process that checks
 * them agree on.
 *
 * @param issuer      the access tokens' {@code iss}, checked on every token
 * @param audience    the access tokens' {@code aud}, checked on every token
 * @param keyringFile signing keyring written by {@code ludus admin rotate-signing-key}, re-read within a second of a
 *                    change; every process that checks tokens must read the same file. Unset, or while the file does
 *                    not exist: the JWT secret is the one key
 */
@ConfigurationProperties("ludus.tokens")
public record TokenSettings(@Bindable(defaultValue = "ludus") String issuer,
                            @Bindable(defaultValue = "ludus-clients") String audience,
                            @Nullable String keyringFile) {

    public TokenSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new InvalidSettingException("ludus.tokens.issuer", "must not be empty");
        }
        if (audience == null || audience.isBlank()) {
            throw new InvalidSettingException("ludus.tokens.audience", "must not be empty");
        }
        if (keyringFile != null && keyringFile.isBlank()) {
            keyringFile = null;
        }
    }
}
