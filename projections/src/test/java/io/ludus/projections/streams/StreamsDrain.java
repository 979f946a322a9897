package io.ludus.projections.streams;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Waits until a Streams application has committed past everything in its input and repartition topics, so a test
 * can then assert that the committed output holds nothing more. Internal topics are written in transactions: their
 * last offset may be a commit marker, which the application never reads as a record.
 */
public final class StreamsDrain {

    /**
     * @param inputTopics         topics the test wrote without transactions
     * @param ownOutputsReadBack  topics the application both writes (in transactions) and reads
     */
    public static void await(Admin admin, String applicationId, Set<String> inputTopics, Set<String> ownOutputsReadBack,
                             Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!drained(admin, applicationId, inputTopics, ownOutputsReadBack)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("application " + applicationId + " did not drain its inputs within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private static boolean drained(Admin admin, String applicationId, Set<String> inputTopics, Set<String> ownOutputsReadBack)
            throws ExecutionException, InterruptedException {
        Set<String> internal = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-repartition"))
                .collect(Collectors.toSet());
        internal.addAll(ownOutputsReadBack);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (var description : admin.describeTopics(union(internal, inputTopics)).allTopicNames().get().values()) {
            description.partitions().forEach(p -> partitions.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        var ends = admin.listOffsets(partitions).all().get();
        for (var entry : ends.entrySet()) {
            long end = entry.getValue().offset();
            if (end == 0) {
                continue;
            }
            OffsetAndMetadata done = committed.get(entry.getKey());
            long slack = internal.contains(entry.getKey().topic()) ? 1 : 0;
            if (done == null || done.offset() < end - slack) {
                return false;
            }
        }
        return true;
    }

    /** Every committed record of the topic, read with read_committed from the beginning up to the last stable offset. */
    public static <V> List<ConsumerRecord<String, V>> readCommitted(String bootstrapServers, String topic,
                                                                     Deserializer<V> values, Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " up to " + ends + " within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private StreamsDrain() {}
}
