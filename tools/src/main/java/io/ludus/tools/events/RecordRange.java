package io.ludus.tools.events;

import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.ToolException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The offsets an export reads, per partition: from the first record at or after {@code from} to the end captured
 * now (or the first record at or after {@code to}), so records written during the export are not chased.
 */
record RecordRange(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end) {

    static RecordRange of(Connection connection, Admin admin, String topic, Instant from, Instant to, IsolationLevel isolation) {
        Map<String, TopicDescription> described = connection.await(admin.describeTopics(java.util.List.of(topic)).allTopicNames(),
                "describing topic " + topic);
        Map<TopicPartition, OffsetSpec> byFrom = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> byTo = new HashMap<>();
        described.get(topic).partitions().forEach(p -> {
            TopicPartition tp = new TopicPartition(topic, p.partition());
            byFrom.put(tp, OffsetSpec.forTimestamp(from.toEpochMilli()));
            latest.put(tp, OffsetSpec.latest());
            if (to != null) {
                byTo.put(tp, OffsetSpec.forTimestamp(to.toEpochMilli()));
            }
        });
        ListOffsetsOptions options = new ListOffsetsOptions(isolation);
        Map<TopicPartition, Long> ends = offsets(connection, admin, latest, options);
        Map<TopicPartition, Long> starts = offsets(connection, admin, byFrom, options);
        Map<TopicPartition, Long> stops = to == null ? Map.of() : offsets(connection, admin, byTo, options);
        Map<TopicPartition, Long> start = new LinkedHashMap<>();
        Map<TopicPartition, Long> end = new LinkedHashMap<>();
        ends.keySet().stream().sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).forEach(tp -> {
            long s = starts.get(tp);
            long e = ends.get(tp);
            Long stop = stops.get(tp);
            if (stop != null && stop >= 0) {
                e = Math.min(e, stop);
            }
            if (s >= 0 && s < e) {
                start.put(tp, s);
                end.put(tp, e);
            }
        });
        return new RecordRange(start, end);
    }

    long size() {
        return start.keySet().stream().mapToLong(tp -> end.get(tp) - start.get(tp)).sum();
    }

    private static Map<TopicPartition, Long> offsets(Connection connection, Admin admin, Map<TopicPartition, OffsetSpec> specs,
                                                     ListOffsetsOptions options) {
        Map<TopicPartition, Long> result = new HashMap<>();
        connection.await(admin.listOffsets(specs, options).all(), "listing offsets").forEach((tp, info) -> result.put(tp, info.offset()));
        if (result.size() != specs.size()) {
            throw new ToolException(ExitCode.FAILURE, "the broker answered for " + result.size() + " of " + specs.size() + " partitions");
        }
        return result;
    }
}
