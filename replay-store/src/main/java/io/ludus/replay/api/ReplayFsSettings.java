package io.ludus.replay.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;

/**
 * Settings under {@code ludus.replay.fs}: the filesystem store.
 *
 * @param directory root directory of the replay files, relative to the working directory unless absolute; instances
 *                  that share replays share this directory
 */
@ConfigurationProperties("ludus.replay.fs")
public record ReplayFsSettings(@Bindable(defaultValue = "data/replays") Path directory) {
}
