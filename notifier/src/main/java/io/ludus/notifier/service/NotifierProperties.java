package io.ludus.notifier.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings under {@code ludus.notifier}; {@link NotifierFactory} validates them at startup and names the bad key.
 *
 * @param enabled           whether this process runs the notifier (default true)
 * @param applicationId     Streams application id (default ludus-notifier)
 * @param stateDir          RocksDB directory for the cursor store (default {@code <java.io.tmpdir>/ludus-notifier};
 *                          standalone puts it under the data directory)
 * @param threads           stream threads (default 1)
 * @param replicationFactor replication of the internal topics (default 1; 3 in production)
 * @param commitInterval    transaction commit interval, the floor of event-to-notification latency (default 100ms)
 */
@ConfigurationProperties("ludus.notifier")
public record NotifierProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "ludus-notifier") String applicationId,
        @Nullable String stateDir,
        @Bindable(defaultValue = "1") int threads,
        @Bindable(defaultValue = "1") int replicationFactor,
        @Bindable(defaultValue = "100ms") Duration commitInterval) {
}
