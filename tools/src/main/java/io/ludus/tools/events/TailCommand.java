package io.ludus.tools.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.InvalidOptionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Follows a topic live: one decoded event per line (JSON), from now on or from --from. Stop with Ctrl-C or --max.")
final class TailCommand implements Runnable {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to follow.")
    String topic;

    @Option(names = "--type", paramLabel = "TYPE[,TYPE...]", description = "Show only these event types.")
    List<String> types = List.of();

    @Option(names = "--key", paramLabel = "KEY", description = "Show only records with this key.")
    String key;

    @Option(names = "--from", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Start at the first record at or after TIME instead of the end.")
    Instant from;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N events are shown. Default: never.")
    Long max;

    @Option(names = "--isolation", paramLabel = "LEVEL", defaultValue = "read_committed",
            description = "read_committed (default) or read_uncommitted.")
    String isolation;

    @Override
    public void run() {
        if (max != null && max < 1) {
            throw new InvalidOptionException("--max", "must be at least 1, was " + max);
        }
        if (!isolation.equals("read_committed") && !isolation.equals("read_uncommitted")) {
            throw new InvalidOptionException("--isolation", "must be read_committed or read_uncommitted, was " + isolation);
        }
        EventFilter filter = EventFilter.of(types, key);
        Map<TopicPartition, Long> start = new HashMap<>();
        try (Admin admin = connection.admin()) {
            Map<String, TopicDescription> described = connection.await(admin.describeTopics(List.of(topic)).allTopicNames(), "describing topic " + topic);
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            described.get(topic).partitions().forEach(p -> specs.put(new TopicPartition(topic, p.partition()),
                    from == null ? OffsetSpec.latest() : OffsetSpec.forTimestamp(from.toEpochMilli())));
            Map<TopicPartition, Long> latest = new HashMap<>();
            if (from != null) {
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                specs.keySet().forEach(tp -> ends.put(tp, OffsetSpec.latest()));
                connection.await(admin.listOffsets(ends).all(), "listing offsets").forEach((tp, i) -> latest.put(tp, i.offset()));
            }
            connection.await(admin.listOffsets(specs).all(), "listing offsets")
                    .forEach((tp, info) -> start.put(tp, info.offset() >= 0 ? info.offset() : latest.getOrDefault(tp, 0L)));
        }
        PrintWriter out = spec.commandLine().getOut();
        long shown = 0;
        try (SchemaRegistryClient registry = connection.registryClient();
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(connection.consumerProps(isolation))) {
            EventDecoder decoder = new EventDecoder(registry);
            consumer.assign(start.keySet());
            start.forEach(consumer::seek);
            while (max == null || shown < max) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String recordKey = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
                    if (!filter.keepsKey(recordKey) || record.value() == null) {
                        continue;
                    }
                    EventDecoder.Decoded decoded = decoder.decode(record.topic(), record.value());
                    if (!filter.keepsType(decoded.type())) {
                        continue;
                    }
                    ObjectNode line = NODES.objectNode();
                    line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
                    line.put("partition", record.partition());
                    line.put("offset", record.offset());
                    line.put("key", recordKey);
                    line.put("type", decoded.type());
                    line.set("value", decoded.value());
                    out.println(line);
                    out.flush();
                    if (max != null && ++shown >= max) {
                        break;
                    }
                }
            }
        }
    }
}
