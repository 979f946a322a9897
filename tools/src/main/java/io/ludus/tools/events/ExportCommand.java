package io.ludus.tools.events;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.InvalidOptionException;
import io.ludus.tools.cli.ToolException;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes a topic's events over a time range to a file, each decoded with the schema version it was written with.",
                "Columns: topic, partition, offset, timestamp, key, schemaId, type, then the event (nested under 'value' in JSONL; "
                        + "dotted columns such as payload.matchId in CSV and Parquet, arrays as JSON text).",
                "Reads from the first record at or after --from to the end offsets captured at start (or the first record at or after --to)."})
final class ExportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to read.")
    String topic;

    @Option(names = "--from", required = true, paramLabel = "TIME", converter = TimeConverter.class,
            description = "Start time, ISO-8601 (2026-12-01T18:00:00Z; a date or no zone means UTC).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = TimeConverter.class, description = "End time (exclusive). Default: the end of the log now.")
    Instant to;

    @Option(names = "--type", paramLabel = "TYPE[,TYPE...]", description = "Keep only these event types, e.g. MatchCompleted,MatchAborted.")
    List<String> types = List.of();

    @Option(names = "--key", paramLabel = "KEY", description = "Keep only records with this key (e.g. a matchId or playerId).")
    String key;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "jsonl, csv or parquet.")
    ExportFormat format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced if it exists).")
    Path out;

    @Option(names = "--isolation", paramLabel = "LEVEL", defaultValue = "read_committed",
            description = "read_committed (default: only committed transactions, as every Ludus consumer reads) or read_uncommitted "
                    + "(also records of open and aborted transactions, to investigate them).")
    String isolation;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public void run() {
        if (to != null && !to.isAfter(from)) {
            throw new InvalidOptionException("--to", "must be after --from (" + from + "), was " + to);
        }
        IsolationLevel level = switch (isolation.toLowerCase(Locale.ROOT)) {
            case "read_committed" -> IsolationLevel.READ_COMMITTED;
            case "read_uncommitted" -> IsolationLevel.READ_UNCOMMITTED;
            default -> throw new InvalidOptionException("--isolation", "must be read_committed or read_uncommitted, was " + isolation);
        };
        EventFilter filter = EventFilter.of(types, key);
        long started = System.nanoTime();
        RecordRange range;
        try (Admin admin = connection.admin()) {
            range = RecordRange.of(connection, admin, topic, from, to, level);
        }
        long written;
        long read = 0;
        try (SchemaRegistryClient registry = connection.registryClient();
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(level));
             ExportWriter writer = new ExportWriter(format, out);
             ProgressBar progress = progressBar(range.size())) {
            EventDecoder decoder = new EventDecoder(registry);
            consumer.assign(range.start().keySet());
            range.start().forEach(consumer::seek);
            Set<TopicPartition> open = new HashSet<>(range.start().keySet());
            long lastProgress = System.nanoTime();
            while (!open.isEmpty()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= range.end().get(tp)) {
                        continue;
                    }
                    read++;
                    write(record, filter, decoder, writer);
                }
                if (!records.isEmpty()) {
                    lastProgress = System.nanoTime();
                    if (progress != null) {
                        progress.stepTo(Math.min(read, range.size()));
                    }
                }
                List<TopicPartition> done = new ArrayList<>();
                for (TopicPartition tp : open) {
                    if (consumer.position(tp) >= range.end().get(tp)) {
                        done.add(tp);
                    }
                }
                if (!done.isEmpty()) {
                    done.forEach(open::remove);
                    consumer.pause(done);
                }
                if (System.nanoTime() - lastProgress > connection.timeout().toNanos()) {
                    throw new ToolException(ExitCode.UNAVAILABLE, "no records from " + connection.bootstrap() + " for "
                            + connection.timeout().toSeconds() + "s with " + open.size() + " partition(s) unfinished (raise --timeout)");
                }
            }
            if (progress != null) {
                progress.stepTo(range.size());
            }
            writer.finish();
            written = writer.rows();
        } catch (IOException e) {
            throw new ToolException(ExitCode.FAILURE, "writing " + out + " failed: " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        spec.commandLine().getErr().printf(Locale.ROOT, "exported %d of %d records read from %s to %s in %.1fs (%.0f records/s)%n",
                written, read, topic, out, seconds, read / Math.max(seconds, 1e-3));
        spec.commandLine().getErr().flush();
    }

    private void write(ConsumerRecord<byte[], byte[]> record, EventFilter filter, EventDecoder decoder, ExportWriter writer) throws IOException {
        String recordKey = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (!filter.keepsKey(recordKey)) {
            return;
        }
        if (record.value() == null) {
            if (filter.keepsType("tombstone")) {
                writer.write(record.topic(), record.partition(), record.offset(), record.timestamp(), recordKey, null);
            }
            return;
        }
        EventDecoder.Decoded decoded = decoder.decode(record.topic(), record.value());
        if (filter.keepsType(decoded.type())) {
            writer.write(record.topic(), record.partition(), record.offset(), record.timestamp(), recordKey, decoded);
        }
    }

    // an export reads whole partitions: fewer, larger fetches and polls than the client defaults (1 MiB, 500 records)
    private Map<String, Object> consumerProps(IsolationLevel level) {
        Map<String, Object> props = connection.consumerProps(level.toString().toLowerCase(Locale.ROOT));
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 << 20);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1 << 20);
        return props;
    }

    private ProgressBar progressBar(long total) {
        if (quiet) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("export " + topic)
                .setInitialMax(total)
                .setUnit(" records", 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }
}
