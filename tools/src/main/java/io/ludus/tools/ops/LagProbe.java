package io.ludus.tools.ops;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the first record after a committed offset. It yields the oldest unconsumed record's timestamp (lag in time),
 * and tells a real backlog from one made only of transaction markers or aborted records: read_committed fetches skip
 * those and move the position past them, so a position at the end with no record means nothing to consume.
 */
final class LagProbe {

    /** {@code firstTimestamp} is empty when nothing is left to consume; {@code resolved} is false when time ran out. */
    record Result(boolean resolved, Optional<Long> firstTimestamp) {
        boolean nothingToConsume() {
            return resolved && firstTimestamp.isEmpty();
        }
    }

    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, Object> consumerProps;
    private final Duration budget;

    LagProbe(Map<String, Object> consumerProps, Duration budget) {
        this.consumerProps = new HashMap<>(consumerProps);
        // one record per partition is all we need; keep fetches small so many partitions stay cheap
        this.consumerProps.put("max.partition.fetch.bytes", 64 * 1024);
        this.budget = budget;
    }

    /** {@code from}: the committed offset per partition; {@code end}: the end offset it is measured against. */
    Map<TopicPartition, Result> probe(Map<TopicPartition, Long> from, Map<TopicPartition, Long> end) {
        Map<TopicPartition, Result> results = new HashMap<>();
        if (from.isEmpty()) {
            return results;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.assign(List.copyOf(from.keySet()));
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + budget.toNanos();
            while (results.size() < from.size() && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (TopicPartition tp : records.partitions()) {
                    if (!results.containsKey(tp)) {
                        ConsumerRecord<byte[], byte[]> first = records.records(tp).getFirst();
                        results.put(tp, new Result(true, Optional.of(first.timestamp())));
                        consumer.pause(List.of(tp));
                    }
                }
                for (TopicPartition tp : from.keySet()) {
                    if (!results.containsKey(tp) && consumer.position(tp) >= end.get(tp)) {
                        results.put(tp, new Result(true, Optional.empty()));
                        consumer.pause(List.of(tp));
                    }
                }
            }
        }
        from.keySet().forEach(tp -> results.putIfAbsent(tp, new Result(false, Optional.empty())));
        return results;
    }
}
