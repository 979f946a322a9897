package io.ludus.matchmaker.service;

import io.ludus.service.InvalidSettingException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings under {@code ludus.matchmaker}. Also read: the queues under {@code ludus.queues.*}
 * ({@link io.ludus.events.queue.QueueDefinitions}) and any Kafka Streams setting as {@code ludus.matchmaker.streams.<name>}.
 *
 * @param enabled          whether this process runs the matchmaker
 * @param applicationId    Kafka Streams application id: instances with the same id share the work
 * @param stateDir         local state (RocksDB) directory; unset: {@code <java.io.tmpdir>/ludus-matchmaker}. Instances on
 *                         one host need distinct directories
 * @param threads          stream threads, 1 to 64
 * @param standbyReplicas  warm copies of each task's state on other instances, for fast failover, 0 to 5
 * @param commitInterval   exactly-once commit interval: a join crosses two commits before its match is visible, so this
 *                         sets the floor of a match's latency (50 ms against 100 ms cut the measured p50 from 228 to
 *                         125 ms, docs/benchmarks.md)
 * @param passInterval     wall-clock time between matching passes
 * @param maxOpenTickets   tickets one player may hold at once, over all queues, 1 to 100
 * @param topicPrefix      prefix of every topic name
 * @param advertisedHttp   host:port where other instances reach this one's HTTP API, for queue queries; unset: single instance
 */
@ConfigurationProperties("ludus.matchmaker")
public record MatchmakerProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "ludus-matchmaker") String applicationId,
        @Nullable String stateDir,
        @Bindable(defaultValue = "1") int threads,
        @Bindable(defaultValue = "1") int standbyReplicas,
        @Bindable(defaultValue = "50ms") Duration commitInterval,
        @Bindable(defaultValue = "50ms") Duration passInterval,
        @Bindable(defaultValue = "3") int maxOpenTickets,
        @Bindable(defaultValue = "") String topicPrefix,
        @Nullable String advertisedHttp) {

    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}");

    public MatchmakerProperties {
        stateDir = stateDir == null ? System.getProperty("java.io.tmpdir") + "/ludus-matchmaker" : stateDir;
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        require(applicationId != null && !applicationId.isBlank(), "application-id", "must not be empty");
        require(!stateDir.isBlank(), "state-dir", "must not be empty");
        require(threads >= 1 && threads <= 64, "threads", "must be from 1 to 64, was " + threads);
        require(standbyReplicas >= 0 && standbyReplicas <= 5, "standby-replicas", "must be from 0 to 5, was " + standbyReplicas);
        require(positive(commitInterval), "commit-interval", "must be a positive duration, was " + commitInterval);
        require(positive(passInterval), "pass-interval", "must be a positive duration, was " + passInterval);
        require(maxOpenTickets >= 1 && maxOpenTickets <= 100, "max-open-tickets", "must be from 1 to 100, was " + maxOpenTickets);
        require(advertisedHttp == null || HOST_PORT.matcher(advertisedHttp).matches(), "advertised-http",
                "must be host:port, was '" + advertisedHttp + "'");
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new InvalidSettingException("ludus.matchmaker." + key, problem);
        }
    }
}
