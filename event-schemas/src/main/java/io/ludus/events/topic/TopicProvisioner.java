package io.ludus.events.topic;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates catalogue topics that are missing and checks the ones that exist. Rerunning changes nothing.
 * Every existing topic is checked before anything is created, so a mismatch leaves the cluster untouched.
 * It returns only once every partition accepts writes.
 */
public final class TopicProvisioner {

    private final Admin admin;
    private final short replicationFactor;
    private final Duration timeout;

    /**
     * @param replicationFactor 1 for standalone, usually 3 in a cluster
     * @param timeout           per admin request
     */
    public TopicProvisioner(Admin admin, short replicationFactor, Duration timeout) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be >= 1, was " + replicationFactor);
        }
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    /** @return the names of the topics this call created (empty when all existed) */
    public Set<String> provision(Collection<? extends TopicSpec<?, ?>> specs) {
        Map<String, TopicSpec<?, ?>> byName = new LinkedHashMap<>();
        for (TopicSpec<?, ?> spec : specs) {
            if (byName.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("topic " + spec.name() + " is declared twice");
            }
        }
        Map<String, TopicDescription> existing = describeExisting(byName.keySet());
        verify(existing, byName);

        List<NewTopic> missing = new ArrayList<>();
        for (TopicSpec<?, ?> spec : byName.values()) {
            if (!existing.containsKey(spec.name())) {
                missing.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.topicConfigs()));
            }
        }
        Set<String> created = new TreeSet<>();
        List<String> createdConcurrently = new ArrayList<>();
        admin.createTopics(missing).values().forEach((name, future) -> {
            try {
                await(future);
                created.add(name);
            } catch (TopicExistsException e) {
                createdConcurrently.add(name);
            }
        });
        if (!createdConcurrently.isEmpty()) {
            verify(describeVisible(createdConcurrently), byName);
        }
        // every topic now has its spec's partition count: verified, or created with it
        List<TopicPartition> partitions = new ArrayList<>();
        byName.values().forEach(spec -> {
            for (int p = 0; p < spec.partitions(); p++) {
                partitions.add(new TopicPartition(spec.name(), p));
            }
        });
        awaitLeadersServing(partitions);
        return created;
    }

    /**
     * Waits (up to the timeout) until the leader of each of {@code partitions} serves requests. Metadata
     * names a new partition's leader before that broker has created the log. An idempotent producer that writes
     * in that window can have its first batch refused while the batches behind it land; it then retries the
     * first one with OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout.
     */
    private void awaitLeadersServing(Collection<TopicPartition> partitions) {
        List<TopicPartition> waiting = new ArrayList<>(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // a ListOffsets answer comes from the partition's leader once it holds the log, as a produce would
            Map<TopicPartition, OffsetSpec> query = new HashMap<>();
            waiting.forEach(partition -> query.put(partition, OffsetSpec.latest()));
            var answers = admin.listOffsets(query);
            waiting.removeIf(partition -> {
                try {
                    await(answers.partitionResult(partition));
                    return true;
                } catch (RetriableException e) {
                    return false;
                }
            });
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("partitions " + waiting
                        + " have no leader serving requests after " + timeout);
            }
            pause();
        }
    }

    /**
     * Describes topics that are known to exist. Right after a creation the broker's metadata may not
     * show them yet, so this waits (up to the timeout) until every one is visible.
     */
    private Map<String, TopicDescription> describeVisible(Collection<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, TopicDescription> found = describeExisting(names);
            if (found.size() == names.size()) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("topics " + names
                        + " exist but were not visible in metadata within " + timeout);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while provisioning topics", e);
        }
    }

    private Map<String, TopicDescription> describeExisting(Collection<String> names) {
        Map<String, TopicDescription> existing = new HashMap<>();
        admin.describeTopics(names).topicNameValues().forEach((name, future) -> {
            try {
                existing.put(name, await(future));
            } catch (UnknownTopicOrPartitionException e) {
                // missing: will be created
            }
        });
        return existing;
    }

    private void verify(Map<String, TopicDescription> existing, Map<String, TopicSpec<?, ?>> byName) {
        if (existing.isEmpty()) {
            return;
        }
        for (TopicDescription description : existing.values()) {
            TopicSpec<?, ?> spec = byName.get(description.name());
            int actual = description.partitions().size();
            if (actual != spec.partitions()) {
                throw new TopicMismatchException(spec.name(), TopicMismatchException.Setting.PARTITIONS,
                        Integer.toString(spec.partitions()), Integer.toString(actual));
            }
        }
        List<ConfigResource> resources = existing.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all());
        configs.forEach((resource, config) -> {
            TopicSpec<?, ?> spec = byName.get(resource.name());
            ConfigEntry entry = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            String actual = entry == null ? "" : entry.value();
            if (CleanupPolicy.fromConfigValue(actual).filter(spec.cleanupPolicy()::equals).isEmpty()) {
                throw new TopicMismatchException(spec.name(), TopicMismatchException.Setting.CLEANUP_POLICY,
                        spec.cleanupPolicy().configValue(), actual);
            }
        });
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while provisioning topics", e);
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("admin request timed out after " + timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KafkaException cause) {
                throw cause;
            }
            throw new KafkaException("topic provisioning failed", e.getCause());
        }
    }
}
