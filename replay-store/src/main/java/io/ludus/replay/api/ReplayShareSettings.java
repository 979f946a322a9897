package io.ludus.replay.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings under {@code ludus.replay.share}: signed share links.
 *
 * @param secret   HMAC-SHA256 key for share links, at least 32 characters; required where the replay API runs
 * @param lifetime how long a share link stays valid
 */
@ConfigurationProperties("ludus.replay.share")
public record ReplayShareSettings(@Nullable String secret, @Bindable(defaultValue = "7d") Duration lifetime) {
}
