package io.ludus.tools.ops;

import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.DurationConverter;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.InvalidOptionException;
import io.ludus.tools.cli.Json;
import io.ludus.tools.cli.OutputFormat;
import io.ludus.tools.cli.Table;
import io.ludus.tools.cli.ToolException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

@Command(name = "reset-offsets", mixinStandardHelpOptions = true,
        description = {"Moves a consumer or Streams group's committed offsets. A dry run unless --execute: prints the plan "
                + "(partition, current, new, records skipped (+) or replayed (-)).",
                "Refused while the group has members: stop every instance first."})
final class ResetOffsetsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Parameters(paramLabel = "NAME", description = "The group id (a Streams group's id is its application.id).")
    String group;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--to-datetime", paramLabel = "TIME",
                description = "First record at or after TIME (ISO-8601, e.g. 2026-12-01T18:00:00Z; no zone means UTC).")
        String toDatetime;

        @Option(names = "--by-duration", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "First record at or after now minus DURATION, e.g. 15m, 2h, 1d.")
        Duration byDuration;

        @Option(names = "--shift-by", paramLabel = "N", description = "Current committed offset plus N (negative replays).")
        Long shiftBy;

        @Option(names = "--to-earliest", description = "The earliest offset still in the log.")
        boolean toEarliest;

        @Option(names = "--to-latest", description = "The end of the log (the last stable offset).")
        boolean toLatest;

        @Option(names = "--from-file", paramLabel = "FILE", description = "Lines of topic,partition,offset (# starts a comment).")
        Path fromFile;
    }

    @Option(names = "--topic", paramLabel = "T[:P,...]",
            description = "Limit to a topic, or some of its partitions (repeatable). Default: every partition the group has committed on.")
    List<String> topics = List.of();

    @Option(names = "--execute", description = "Apply the plan. Without it nothing changes.")
    boolean execute;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** One line of the plan; {@code current} is null where the group has no commit. */
    record PlanRow(String topic, int partition, Long current, long target, Long delta) {}

    @Override
    public void run() {
        Instant now = Clock.systemUTC().instant();
        Map<String, List<Integer>> topicFilter = new LinkedHashMap<>();
        topics.forEach(t -> parseTopic(t, topicFilter));
        Instant time = timeTarget(now);
        Map<TopicPartition, Long> fileOffsets = target.fromFile != null ? readFile(target.fromFile) : Map.of();
        try (Admin admin = connection.admin()) {
            GroupInspector inspector = new GroupInspector(connection, admin, Clock.systemUTC(), "read_committed");
            Protocol protocol = inspector.protocolOf(group);
            GroupView view = inspector.inspect(Map.of(group, protocol), 1, Duration.ZERO).getFirst();
            Map<TopicPartition, Long> committed = inspector.committed(Map.of(group, protocol)).getOrDefault(group, Map.of());

            Set<TopicPartition> partitions = partitions(admin, committed, fileOffsets, topicFilter);
            Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> byTime = Map.of();
            if (time != null) {
                byTime = offsets(admin, partitions, OffsetSpec.forTimestamp(time.toEpochMilli()));
            }
            List<PlanRow> plan = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                Long current = committed.get(tp);
                long wanted = wanted(tp, current, earliest.get(tp), latest.get(tp), byTime.get(tp), fileOffsets.get(tp));
                long clamped = Math.max(earliest.get(tp), Math.min(latest.get(tp), wanted));
                plan.add(new PlanRow(tp.topic(), tp.partition(), current, clamped, current == null ? null : clamped - current));
            }
            print(plan, view);
            if (execute) {
                if (view.memberCount() > 0) {
                    throw new ToolException(ExitCode.REFUSED, "group '" + group + "' has " + view.memberCount()
                            + " member(s) (state " + view.state() + "); stop every instance, then run again");
                }
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                plan.forEach(row -> offsets.put(new TopicPartition(row.topic(), row.partition()), new OffsetAndMetadata(row.target())));
                if (protocol == Protocol.streams) {
                    connection.await(admin.alterStreamsGroupOffsets(group, offsets).all(), "resetting offsets of Streams group " + group);
                } else {
                    connection.await(admin.alterConsumerGroupOffsets(group, offsets).all(), "resetting offsets of group " + group);
                }
                spec.commandLine().getErr().println("applied: " + plan.size() + " partition(s) of group '" + group + "' reset");
            } else {
                spec.commandLine().getErr().println("dry run: nothing changed; add --execute to apply"
                        + (view.memberCount() > 0 ? " (it will be refused: the group has " + view.memberCount() + " member(s))" : ""));
            }
            spec.commandLine().getErr().flush();
        }
    }

    private long wanted(TopicPartition tp, Long current, long earliest, long latest, Long byTime, Long fromFile) {
        if (target.toEarliest) {
            return earliest;
        }
        if (target.toLatest) {
            return latest;
        }
        if (target.shiftBy != null) {
            if (current == null) {
                throw new InvalidOptionException("--shift-by", "group '" + group + "' has no committed offset on " + tp + " to shift from");
            }
            return current + target.shiftBy;
        }
        if (target.fromFile != null) {
            return fromFile;
        }
        // no record at or after the time: the end, so the group waits for new records
        return byTime == null || byTime < 0 ? latest : byTime;
    }

    private Instant timeTarget(Instant now) {
        if (target.byDuration != null) {
            return now.minus(target.byDuration);
        }
        if (target.toDatetime == null) {
            return null;
        }
        try {
            return Instant.parse(target.toDatetime);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(target.toDatetime).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new InvalidOptionException("--to-datetime", "'" + target.toDatetime + "' is not an ISO-8601 time, e.g. 2026-12-01T18:00:00Z");
            }
        }
    }

    private Set<TopicPartition> partitions(Admin admin, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> fileOffsets,
                                           Map<String, List<Integer>> wanted) {
        Set<TopicPartition> result = new TreeSet<>(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
        if (!fileOffsets.isEmpty()) {
            result.addAll(fileOffsets.keySet());
        } else if (wanted.isEmpty()) {
            result.addAll(committed.keySet());
        } else {
            Map<String, TopicDescription> described = connection.await(admin.describeTopics(wanted.keySet()).allTopicNames(), "describing topics");
            wanted.forEach((topic, ps) -> {
                int count = described.get(topic).partitions().size();
                if (ps.isEmpty()) {
                    for (int p = 0; p < count; p++) {
                        result.add(new TopicPartition(topic, p));
                    }
                }
                for (int p : ps) {
                    if (p >= count) {
                        throw new InvalidOptionException("--topic", "topic '" + topic + "' has " + count + " partitions, no partition " + p);
                    }
                    result.add(new TopicPartition(topic, p));
                }
            });
        }
        if (result.isEmpty()) {
            throw new ToolException(ExitCode.NOT_FOUND, "group '" + group + "' has no committed offsets; name the partitions with --topic");
        }
        return result;
    }

    static void parseTopic(String spec, Map<String, List<Integer>> into) {
        int colon = spec.indexOf(':');
        String topic = colon < 0 ? spec : spec.substring(0, colon);
        if (topic.isBlank()) {
            throw new InvalidOptionException("--topic", "'" + spec + "' names no topic");
        }
        List<Integer> partitions = into.computeIfAbsent(topic, t -> new ArrayList<>());
        if (colon >= 0) {
            for (String p : spec.substring(colon + 1).split(",")) {
                try {
                    int partition = Integer.parseInt(p.trim());
                    if (partition < 0) {
                        throw new NumberFormatException();
                    }
                    partitions.add(partition);
                } catch (NumberFormatException e) {
                    throw new InvalidOptionException("--topic", "'" + p + "' in '" + spec + "' is not a partition number");
                }
            }
        }
    }

    static Map<TopicPartition, Long> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new ToolException(ExitCode.NOT_FOUND, "--from-file: no such file " + file);
        } catch (IOException e) {
            throw new InvalidOptionException("--from-file", "cannot read " + file + ": " + e.getMessage());
        }
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",");
            try {
                if (cells.length != 3) {
                    throw new NumberFormatException();
                }
                long offset = Long.parseLong(cells[2].strip());
                int partition = Integer.parseInt(cells[1].strip());
                if (offset < 0 || partition < 0) {
                    throw new NumberFormatException();
                }
                offsets.put(new TopicPartition(cells[0].strip(), partition), offset);
            } catch (NumberFormatException e) {
                throw new InvalidOptionException("--from-file", file + " line " + (i + 1) + ": expected topic,partition,offset, was '" + line + "'");
            }
        }
        if (offsets.isEmpty()) {
            throw new InvalidOptionException("--from-file", file + " holds no topic,partition,offset line");
        }
        return offsets;
    }

    private Map<TopicPartition, Long> offsets(Admin admin, Set<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(tp -> specs.put(tp, spec));
        Map<TopicPartition, Long> result = new HashMap<>();
        connection.await(admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(), "listing offsets")
                .forEach((tp, info) -> result.put(tp, info.offset()));
        return result;
    }

    private void print(List<PlanRow> plan, GroupView view) {
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Json.print(out, plan);
            return;
        }
        Table table = new Table("TOPIC", "PARTITION", "CURRENT", "NEW", "SKIPPED(+)/REPLAYED(-)");
        plan.forEach(r -> table.row(r.topic(), r.partition(), r.current(), r.target(),
                r.delta() == null ? "-" : (r.delta() > 0 ? "+" : "") + r.delta()));
        table.print(out);
    }
}
