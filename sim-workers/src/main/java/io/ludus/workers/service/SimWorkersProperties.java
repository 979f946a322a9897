package io.ludus.workers.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings under {@code ludus.sim}; {@link io.ludus.workers.SimWorkerConfig} validates them at startup.
 *
 * @param enabled             whether this process runs a sim worker
 * @param threads             simulation threads; 0 means one per core
 * @param groupId             consumer group of the workers: instances with the same group share the requests
 * @param maxPollRecords      requests per batch, and so per transaction
 * @param instanceId          stable id of this worker, unique per instance (e.g. the pod name of a StatefulSet): static
 *                            group membership and a fixed transactional id, so a restart takes over at once; unset:
 *                            dynamic membership and a random id
 * @param topicPrefix         prefix of every topic name
 * @param transactionTimeout  the broker aborts a worker's transaction left open this long
 * @param shutdownTimeout     how long shutdown waits for the batch in flight before aborting it
 */
@ConfigurationProperties("ludus.sim")
public record SimWorkersProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "0") int threads,
        @Bindable(defaultValue = "ludus-sim-workers") String groupId,
        @Bindable(defaultValue = "128") int maxPollRecords,
        @Nullable String instanceId,
        @Bindable(defaultValue = "") String topicPrefix,
        @Bindable(defaultValue = "30s") Duration transactionTimeout,
        @Bindable(defaultValue = "30s") Duration shutdownTimeout) {

    public SimWorkersProperties {
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
    }
}
