package io.ludus.replay.api;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Settings under {@code ludus.replay.api}.
 *
 * @param enabled serve the replay HTTP API; a process that only writes replays (a sim worker) turns it off and then
 *                needs neither the token key nor the share secret
 */
@ConfigurationProperties("ludus.replay.api")
public record ReplayApiSettings(@Bindable(defaultValue = "true") boolean enabled) {
}
