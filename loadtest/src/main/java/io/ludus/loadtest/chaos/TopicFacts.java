package io.ludus.loadtest.chaos;

import io.ludus.events.command.JoinQueue;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.match.MatchSide;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.rejection.CommandRefused;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.ToolException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/** Reads every topic the invariants look at, from the start to its last committed record (read_committed, no group). */
final class TopicFacts {

    private final String bootstrap;
    private final SchemaRegistryClient registry;
    private final String topicPrefix;
    private final Duration timeout;

    TopicFacts(String bootstrap, SchemaRegistryClient registry, String topicPrefix, Duration timeout) {
        this.bootstrap = bootstrap;
        this.registry = registry;
        this.topicPrefix = topicPrefix;
        this.timeout = timeout;
    }

    GameLog read() {
        List<GameLog.Join> joins = new ArrayList<>();
        Set<String> opened = new HashSet<>();
        Set<String> rejected = new HashSet<>();
        List<GameLog.Formed> formed = new ArrayList<>();
        List<GameLog.Result> results = new ArrayList<>();
        List<GameLog.Completed> completed = new ArrayList<>();
        List<GameLog.RatingChange> ratings = new ArrayList<>();
        Map<String, List<Long>> seqs = new LinkedHashMap<>();
        readAll(Topics.PLAYER_COMMANDS, e -> {
            if (e.getPayload() instanceof JoinQueue j) {
                joins.add(new GameLog.Join(j.getCommandId(), j.getPlayerId()));
            }
        });
        readAll(Topics.MATCHMAKING_TICKETS, e -> {
            if (e.getPayload() instanceof TicketOpened t) {
                opened.add(t.getCommandId());
            }
        });
        readAll(Topics.COMMAND_REJECTIONS, e -> {
            if (e.getPayload() instanceof CommandRefused r) {
                rejected.add(r.getCommandId());
            }
        });
        readAll(Topics.MATCHES, e -> {
            switch (e.getPayload()) {
                case MatchFormed f -> formed.add(new GameLog.Formed(f.getMatchId(), f.getTeamA().getPlayerId(),
                        f.getTeamA().getTicketId(), f.getTeamB().getPlayerId(), f.getTeamB().getTicketId()));
                case MatchCompleted c -> {
                    results.add(new GameLog.Result(c.getMatchId(), c.getOutcome() + "/" + c.getTicks()));
                    completed.add(new GameLog.Completed(c.getMatchId(), c.getQueueId(), c.getRanked(), c.getTeamAPlayerId(),
                            bot(c.getSideA()), c.getTeamBPlayerId(), bot(c.getSideB())));
                }
                default -> { }
            }
        });
        readAll(Topics.SIMULATION_RESULTS, e -> {
            if (e.getPayload() instanceof SimulationCompleted c) {
                results.add(new GameLog.Result(c.getMatchId(), c.getOutcome() + "/" + c.getTicks()));
            }
        });
        readAll(Topics.PLAYER_RATINGS, e -> {
            if (e.getPayload() instanceof PlayerRatingChanged r) {
                ratings.add(new GameLog.RatingChange(r.getPlayerId(), r.getMatchId()));
            }
        });
        readAll(Topics.PLAYER_NOTIFICATIONS, (String key, PlayerNotification n) ->
                seqs.computeIfAbsent(key, k -> new ArrayList<>()).add(n.getSequence()));
        return new GameLog(joins, opened, rejected, formed, results, completed, ratings, seqs);
    }

    private static boolean bot(MatchSide side) {
        return side != null && side.getBot();
    }

    private <V extends SpecificRecord> void readAll(TopicSpec<String, V> spec, Consumer<V> sink) {
        readAll(spec, (key, value) -> sink.accept(value));
    }

    private <V extends SpecificRecord> void readAll(TopicSpec<String, V> spec, java.util.function.BiConsumer<String, V> sink) {
        String topic = topicPrefix + spec.name();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        Deserializer<V> values = spec.valueSerde(registry).deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new ToolException(ExitCode.NOT_FOUND, "topic " + topic + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new ToolException(ExitCode.UNAVAILABLE, "reading " + topic + " did not reach its end within " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null) {
                        sink.accept(r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
                                values.deserialize(topic, r.value()));
                    }
                }
            }
        }
    }
}
