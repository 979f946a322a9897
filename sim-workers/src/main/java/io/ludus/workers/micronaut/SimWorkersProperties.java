package io.ludus.workers.micronaut;

import io.ludus.workers.SimWorkerConfig;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code ludus.sim.*}. Each field states its default; {@link SimWorkersFactory} validates them at startup. */
@ConfigurationProperties("ludus.sim")
public class SimWorkersProperties {

    /** Whether this process runs a sim worker. Default true. */
    private boolean enabled = true;
    /** Simulation threads; 0 means one per core. Default 0. */
    private int threads = 0;
    /** Consumer group of the workers. Default {@code ludus-sim-workers}. */
    private String groupId = SimWorkerConfig.DEFAULT_GROUP_ID;
    /** Requests per batch, and so per transaction. Default 128. */
    private int maxPollRecords = SimWorkerConfig.DEFAULT_MAX_POLL_RECORDS;
    /**
     * Stable id of this worker (e.g. the pod name of a StatefulSet): static group membership and a fixed
     * transactional id, so a restart takes over at once. Default: none (dynamic membership, random id).
     */
    private String instanceId;
    /** Prefix of every topic name. Default empty. */
    private String topicPrefix = "";
    /** The broker aborts a worker's transaction left open this long. Default 30s. */
    private Duration transactionTimeout = SimWorkerConfig.DEFAULT_TRANSACTION_TIMEOUT;
    /** How long shutdown waits for the batch in flight before aborting it. Default 30s. */
    private Duration shutdownTimeout = SimWorkerConfig.DEFAULT_SHUTDOWN_TIMEOUT;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public String getGroupId() {
        return groupId;
    }

    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    public int getMaxPollRecords() {
        return maxPollRecords;
    }

    public void setMaxPollRecords(int maxPollRecords) {
        this.maxPollRecords = maxPollRecords;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    public Duration getTransactionTimeout() {
        return transactionTimeout;
    }

    public void setTransactionTimeout(Duration transactionTimeout) {
        this.transactionTimeout = transactionTimeout;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }
}
