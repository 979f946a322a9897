package io.ludus.replay.api;

import io.ludus.replay.store.ReplayStore;
import io.ludus.service.InvalidSettingException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Settings under {@code ludus.replay}; the store's own settings are in {@link ReplayFsSettings} and
 * {@link ReplayS3Settings}, share links in {@link ReplayShareSettings}, deletion in {@link ReplayRetentionSettings}.
 *
 * @param store              where replays are kept: {@code FS} or {@code S3} (either case)
 * @param maxReplayBytes     largest replay accepted or served, in bytes
 * @param maxConcurrentLoads replays the API reads from the store at once (each up to max-replay-bytes in memory); more
 *                           wait, then get 503
 */
@Context
@ConfigurationProperties("ludus.replay")
public record ReplayConfiguration(
        @Bindable(defaultValue = "FS") StoreType store,
        @Bindable(defaultValue = "" + ReplayStore.DEFAULT_MAX_REPLAY_BYTES) long maxReplayBytes,
        @Bindable(defaultValue = "16") int maxConcurrentLoads) {

    public static final String API_ENABLED = "ludus.replay.api.enabled";

    public enum StoreType { FS, S3 }

    public ReplayConfiguration {
        if (maxReplayBytes <= 0) {
            throw new InvalidSettingException("ludus.replay.max-replay-bytes", "must be positive, was " + maxReplayBytes);
        }
        if (maxConcurrentLoads <= 0) {
            throw new InvalidSettingException("ludus.replay.max-concurrent-loads", "must be positive, was " + maxConcurrentLoads);
        }
    }
}
