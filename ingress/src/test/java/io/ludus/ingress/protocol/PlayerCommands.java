package io.ludus.ingress.protocol;

import io.ludus.events.command.PlayerCommand;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.ingress.IngressInfrastructure;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reads a player's commands back from player-commands. */
final class PlayerCommands {

    private PlayerCommands() {}

    /** The player's commands, in order, up to the one with {@code commandId}; fails after 60 s. */
    static List<PlayerCommand> until(SchemaRegistryClient registry, String playerId, String commandId) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, IngressInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, PlayerCommand> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                Topics.PLAYER_COMMANDS.valueSerde(registry).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PLAYER_COMMANDS.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<PlayerCommand> mine = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, PlayerCommand> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!playerId.equals(record.key())) {
                        continue;
                    }
                    mine.add(record.value());
                    if (commandId.equals(commandId(record.value()))) {
                        return mine;
                    }
                }
            }
            throw new AssertionError("command " + commandId + " of " + playerId + " never reached player-commands; saw " + mine.size());
        }
    }

    static String commandId(PlayerCommand command) {
        return String.valueOf(((GenericRecord) command.getPayload()).get("commandId"));
    }
}
