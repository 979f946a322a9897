package io.ludus.loadtest.topics;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.TopicSpec;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.ToolException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * Reads catalogue topics decoded, read_committed and without a consumer group: either from the start to the last
 * committed record ({@link #readAll}), or from the end onwards while a condition holds ({@link #follow}).
 */
public final class TopicReader {

    /** One decoded record; {@code seenAtMillis} is the local wall-clock time the poll that returned it came back. */
    @FunctionalInterface
    public interface Sink<V> {
        void accept(String key, V value, long recordTimestamp, long seenAtMillis);
    }

    private final String bootstrap;
    private final SchemaRegistryClient registry;
    private final String topicPrefix;
    private final Duration timeout;

    public TopicReader(String bootstrap, SchemaRegistryClient registry, String topicPrefix, Duration timeout) {
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.topicPrefix = topicPrefix;
        this.timeout = timeout;
    }

    /** Every committed record of {@code spec}'s topic, from offset 0 to the end offsets taken when the read starts. */
    public <V extends SpecificRecord> void readAll(TopicSpec<String, V> spec, Sink<V> sink) {
        String topic = topicPrefix + spec.name();
        Deserializer<V> values = spec.valueSerde(registry).deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"))) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new ToolException(ExitCode.UNAVAILABLE, "reading " + topic + " did not reach its end within " + timeout);
                }
                deliver(consumer.poll(Duration.ofMillis(500)), topic, values, sink);
            }
        }
    }

    /**
     * Records committed to {@code spec}'s topic after this call positions at the end, until {@code running} turns
     * false; each poll waits at most {@code pollWait}, and each record is stamped with the time its poll returned.
     */
    public <V extends SpecificRecord> void follow(TopicSpec<String, V> spec, BooleanSupplier running, Duration pollWait, Sink<V> sink) {
        String topic = topicPrefix + spec.name();
        Deserializer<V> values = spec.valueSerde(registry).deserializer();
        // fetch.max.wait bounds how long the broker holds an empty fetch; records arriving meanwhile end it at once
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(pollWait.toMillis())))) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(tp -> consumer.position(tp, timeout));
            while (running.getAsBoolean()) {
                deliver(consumer.poll(pollWait), topic, values, sink);
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    private <V> void deliver(Iterable<ConsumerRecord<byte[], byte[]>> records, String topic, Deserializer<V> values, Sink<V> sink) {
        long seenAt = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.value() != null) {
                sink.accept(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                        values.deserialize(topic, r.value()), r.timestamp(), seenAt);
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer(Map<String, String> extra) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.putAll(extra);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new ToolException(ExitCode.NOT_FOUND, "topic " + topic + " does not exist");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }
}
