package io.ludus.replay.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings under {@code ludus.replay.retention}: deleting old replays.
 *
 * @param maxAge   replays older than this are deleted; unset: replays are kept forever
 * @param interval how often retention runs
 */
@ConfigurationProperties("ludus.replay.retention")
public record ReplayRetentionSettings(@Nullable Duration maxAge, @Bindable(defaultValue = "1h") Duration interval) {
}
