package io.ludus.tools.ops;

import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.ToolException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.StreamsGroupMemberAssignment;
import org.apache.kafka.clients.admin.StreamsGroupMemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Builds {@link GroupView}s for consumer groups (classic and consumer protocol) and Streams groups: describe, then
 * {@code samples} rounds of committed and end offsets {@code interval} apart, then lag in time from the last round.
 */
public final class GroupInspector {

    /** A group as described once: who is in it and how it is assigned. */
    record Described(String group, Protocol protocol, String state, Integer groupEpoch, Integer targetAssignmentEpoch,
                     List<MemberView> members) {}

    private final Connection connection;
    private final Admin admin;
    private final Clock clock;
    private final LagProbe probe;
    // (partition, committed, end) -> whether only markers or aborted records lie between; probed once per key
    private final Map<ProbeKey, LagProbe.Result> probed = new HashMap<>();

    private record ProbeKey(TopicPartition tp, long committed, long end) {}

    public GroupInspector(Connection connection, Admin admin, Clock clock, String isolationLevel) {
        this.connection = connection;
        this.admin = admin;
        this.clock = clock;
        this.probe = new LagProbe(connection.consumerProps(isolationLevel), Duration.ofSeconds(10));
    }

    /** Consumer and Streams groups by id; share groups and classic groups of other protocols (Connect) are left out. */
    public Map<String, Protocol> listGroups() {
        var listings = connection.await(admin.listGroups(new ListGroupsOptions()).all(), "listing groups");
        Map<String, Protocol> groups = new LinkedHashMap<>();
        listings.stream().sorted(Comparator.comparing(GroupListing::groupId)).forEach(listing -> {
            GroupType type = listing.type().orElse(GroupType.CLASSIC);
            switch (type) {
                case CONSUMER -> groups.put(listing.groupId(), Protocol.consumer);
                case STREAMS -> groups.put(listing.groupId(), Protocol.streams);
                case CLASSIC -> {
                    if (listing.protocol().isEmpty() || listing.protocol().equals("consumer")) {
                        groups.put(listing.groupId(), Protocol.classic);
                    }
                }
                default -> { }
            }
        });
        return groups;
    }

    public Protocol protocolOf(String group) {
        Protocol protocol = listGroups().get(group);
        if (protocol == null) {
            throw new ToolException(ExitCode.NOT_FOUND, "no consumer or Streams group named '" + group + "'");
        }
        return protocol;
    }

    public List<GroupView> inspect(Map<String, Protocol> groups, int samples, Duration interval) {
        // sent now, awaited after the first round of offsets: the broker answers both at once
        Supplier<Map<String, Described>> describing = describe(groups);
        List<Map<String, Map<TopicPartition, Long>>> committedRounds = new ArrayList<>();
        List<Map<TopicPartition, Long>> endRounds = new ArrayList<>();
        for (int round = 0; round < samples; round++) {
            if (round > 0) {
                sleep(interval);
            }
            Map<String, Map<TopicPartition, Long>> committed = committed(groups);
            Set<TopicPartition> partitions = committed.values().stream()
                    .flatMap(m -> m.keySet().stream()).collect(Collectors.toSet());
            committedRounds.add(committed);
            endRounds.add(endOffsets(partitions));
        }
        Map<String, Described> described = describing.get();
        long now = clock.millis();
        List<GroupView> views = new ArrayList<>();
        for (String group : groups.keySet()) {
            Described d = described.get(group);
            if (d == null) {
                continue; // deleted between listing and describing
            }
            views.add(view(d, committedRounds, endRounds, now));
        }
        return views;
    }

    private GroupView view(Described d, List<Map<String, Map<TopicPartition, Long>>> committedRounds,
                           List<Map<TopicPartition, Long>> endRounds, long now) {
        Map<TopicPartition, List<LagSample>> windows = new HashMap<>();
        Map<TopicPartition, Long> lastCommitted = committedRounds.getLast().getOrDefault(d.group(), Map.of());
        for (int round = 0; round < committedRounds.size(); round++) {
            Map<TopicPartition, Long> committed = committedRounds.get(round).getOrDefault(d.group(), Map.of());
            Map<TopicPartition, Long> ends = endRounds.get(round);
            probeMissing(committed, ends);
            for (var entry : committed.entrySet()) {
                TopicPartition tp = entry.getKey();
                long end = ends.getOrDefault(tp, entry.getValue());
                windows.computeIfAbsent(tp, k -> new ArrayList<>()).add(new LagSample(entry.getValue(), lag(tp, entry.getValue(), end)));
            }
        }
        boolean hasMembers = !d.members().isEmpty();
        List<PartitionLag> partitions = new ArrayList<>();
        Map<TopicPartition, Long> lastEnds = endRounds.getLast();
        lastCommitted.keySet().stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .forEach(tp -> {
                    long committed = lastCommitted.get(tp);
                    long end = lastEnds.getOrDefault(tp, committed);
                    long lag = lag(tp, committed, end);
                    Long lagMillis = null;
                    if (lag > 0) {
                        LagProbe.Result r = probed.get(new ProbeKey(tp, committed, end));
                        if (r != null && r.firstTimestamp().isPresent()) {
                            lagMillis = Math.max(0, now - r.firstTimestamp().get());
                        }
                    }
                    GroupStatus status = StatusRules.evaluate(windows.get(tp), hasMembers);
                    partitions.add(new PartitionLag(tp.topic(), tp.partition(), committed, end, lag, lagMillis, status));
                });
        long totalLag = partitions.stream().mapToLong(PartitionLag::lag).sum();
        Long maxLagMillis = partitions.stream().map(PartitionLag::lagMillis).filter(Objects::nonNull).max(Long::compare).orElse(null);
        GroupStatus status = StatusRules.worst(partitions.stream().map(PartitionLag::status).toList());
        return new GroupView(d.group(), d.protocol(), d.state(), d.groupEpoch(), d.targetAssignmentEpoch(),
                d.members().size(), totalLag, maxLagMillis, status, d.members(), partitions);
    }

    private long lag(TopicPartition tp, long committed, long end) {
        if (end <= committed) {
            return 0;
        }
        LagProbe.Result r = probed.get(new ProbeKey(tp, committed, end));
        return r != null && r.nothingToConsume() ? 0 : end - committed;
    }

    // one consumer can hold one position per partition, so distinct commits on the same partition go in rounds
    private void probeMissing(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> from = new HashMap<>();
        Map<TopicPartition, Long> to = new HashMap<>();
        committed.forEach((tp, offset) -> {
            Long end = ends.get(tp);
            if (end != null && end > offset && !probed.containsKey(new ProbeKey(tp, offset, end))) {
                from.put(tp, offset);
                to.put(tp, end);
            }
        });
        probe.probe(from, to).forEach((tp, result) -> probed.put(new ProbeKey(tp, from.get(tp), to.get(tp)), result));
    }

    private Supplier<Map<String, Described>> describe(Map<String, Protocol> groups) {
        List<String> consumerGroups = groups.entrySet().stream().filter(e -> e.getValue() != Protocol.streams).map(Map.Entry::getKey).toList();
        List<String> streamsGroups = groups.entrySet().stream().filter(e -> e.getValue() == Protocol.streams).map(Map.Entry::getKey).toList();
        KafkaFuture<Map<String, ConsumerGroupDescription>> consumers = consumerGroups.isEmpty()
                ? KafkaFuture.completedFuture(Map.of()) : admin.describeConsumerGroups(consumerGroups).all();
        KafkaFuture<Map<String, StreamsGroupDescription>> streams = streamsGroups.isEmpty()
                ? KafkaFuture.completedFuture(Map.of()) : admin.describeStreamsGroups(streamsGroups).all();
        return () -> {
            Map<String, Described> described = new HashMap<>();
            connection.await(consumers, "describing consumer groups").forEach((id, d) -> described.put(id, consumerGroup(d)));
            connection.await(streams, "describing Streams groups").forEach((id, d) -> described.put(id, streamsGroup(d)));
            return described;
        };
    }

    static Described consumerGroup(ConsumerGroupDescription d) {
        Protocol protocol = d.type() == GroupType.CONSUMER ? Protocol.consumer : Protocol.classic;
        List<MemberView> members = d.members().stream()
                .sorted(Comparator.comparing(MemberDescription::consumerId))
                .map(m -> {
                    List<String> assigned = partitions(m.assignment());
                    List<String> target = m.targetAssignment().map(GroupInspector::partitions).orElse(null);
                    return new MemberView(m.consumerId(), m.groupInstanceId().orElse(null), m.clientId(), m.host(),
                            m.memberEpoch().orElse(null), assigned, target, target != null && !target.equals(assigned));
                })
                .toList();
        return new Described(d.groupId(), protocol, d.groupState().toString(), d.groupEpoch().orElse(null),
                d.targetAssignmentEpoch().orElse(null), members);
    }

    static Described streamsGroup(StreamsGroupDescription d) {
        List<MemberView> members = d.members().stream()
                .sorted(Comparator.comparing(StreamsGroupMemberDescription::memberId))
                .map(m -> {
                    List<String> assigned = tasks(m.assignment());
                    List<String> target = tasks(m.targetAssignment());
                    return new MemberView(m.memberId(), m.instanceId().orElse(null), m.clientId(), m.clientHost(),
                            m.memberEpoch(), assigned, target, !target.equals(assigned));
                })
                .toList();
        return new Described(d.groupId(), Protocol.streams, d.groupState().toString(), d.groupEpoch(),
                d.targetAssignmentEpoch(), members);
    }

    private static List<String> partitions(MemberAssignment assignment) {
        return assignment.topicPartitions().stream()
                .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                .map(TopicPartition::toString)
                .toList();
    }

    // Streams' own task id notation, subtopology_partition; standby tasks are marked so they are not taken for active ones
    private static List<String> tasks(StreamsGroupMemberAssignment assignment) {
        List<String> tasks = new ArrayList<>();
        assignment.activeTasks().forEach(t -> t.partitions().stream().sorted().forEach(p -> tasks.add(t.subtopologyId() + "_" + p)));
        assignment.standbyTasks().forEach(t -> t.partitions().stream().sorted().forEach(p -> tasks.add(t.subtopologyId() + "_" + p + "(standby)")));
        assignment.warmupTasks().forEach(t -> t.partitions().stream().sorted().forEach(p -> tasks.add(t.subtopologyId() + "_" + p + "(warmup)")));
        tasks.sort(null);
        return List.copyOf(tasks);
    }

    Map<String, Map<TopicPartition, Long>> committed(Map<String, Protocol> groups) {
        Map<String, ListConsumerGroupOffsetsSpec> consumerSpecs = new HashMap<>();
        Map<String, ListStreamsGroupOffsetsSpec> streamsSpecs = new HashMap<>();
        groups.forEach((id, protocol) -> {
            if (protocol == Protocol.streams) {
                streamsSpecs.put(id, new ListStreamsGroupOffsetsSpec());
            } else {
                consumerSpecs.put(id, new ListConsumerGroupOffsetsSpec());
            }
        });
        // both requests in flight before either is awaited
        KafkaFuture<Map<String, Map<TopicPartition, OffsetAndMetadata>>> consumers = consumerSpecs.isEmpty()
                ? KafkaFuture.completedFuture(Map.of()) : admin.listConsumerGroupOffsets(consumerSpecs).all();
        KafkaFuture<Map<String, Map<TopicPartition, OffsetAndMetadata>>> streams = streamsSpecs.isEmpty()
                ? KafkaFuture.completedFuture(Map.of()) : admin.listStreamsGroupOffsets(streamsSpecs).all();
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        connection.await(consumers, "reading committed offsets").forEach((id, offsets) -> committed.put(id, offsets(offsets)));
        connection.await(streams, "reading Streams groups' committed offsets").forEach((id, offsets) -> committed.put(id, offsets(offsets)));
        return committed;
    }

    private static Map<TopicPartition, Long> offsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                result.put(tp, om.offset());
            }
        });
        return result;
    }

    /** The last stable offset of each partition: what a read_committed consumer can reach. */
    Map<TopicPartition, Long> endOffsets(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(tp -> specs.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        connection.await(admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(), "reading end offsets")
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static void sleep(Duration interval) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(ExitCode.FAILURE, "interrupted while sampling offsets", e);
        }
    }
}
