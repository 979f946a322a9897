package io.ludus.notifier.service;

import io.ludus.events.common.TeamLoadout;
import io.ludus.events.matchmaking.MatchmakingTicketEvent;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.notification.QueueJoined;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.Topics;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(240)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class NotifierFactoryTest {

    private static ApplicationContext start(TestKafka kafka, TestSchemaRegistry registry, Path stateDir) {
        return ApplicationContext.run(Map.of(
                "ludus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "ludus.registry.url", registry.url(),
                "ludus.notifier.state-dir", stateDir.toString(),
                "ludus.notifier.application-id", "notifier-factory-test"));
    }

    private static void openTicket(TestKafka kafka, SchemaRegistryClient registry, String player, String ticket) {
        MatchmakingTicketEvent event = MatchmakingTicketEvent.newBuilder().setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.now()).setCorrelationId("c")
                .setPayload(TicketOpened.newBuilder().setTicketId(ticket).setPlayerId(player).setQueueId("ranked-1v1")
                        .setLoadout(TeamLoadout.newBuilder().setUnits(List.of()).build()).setRating(1500).setSpread(100)
                        .setCommandId("cmd-" + ticket).build())
                .build();
        kafka.produce(new StringSerializer(), Topics.MATCHMAKING_TICKETS.valueSerde(registry).serializer(),
                List.of(new ProducerRecord<>(Topics.MATCHMAKING_TICKETS.name(), "ranked-1v1", event)));
    }

    private static List<PlayerNotification> notificationsOf(TestKafka kafka, SchemaRegistryClient registry, String player, int count) {
        List<PlayerNotification> mine = new ArrayList<>();
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, PlayerNotification> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                Topics.PLAYER_NOTIFICATIONS.valueSerde(registry).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PLAYER_NOTIFICATIONS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (mine.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, PlayerNotification> record : consumer.poll(Duration.ofMillis(200))) {
                    if (player.equals(record.key())) {
                        mine.add(record.value());
                    }
                }
            }
            // anything more would be a duplicate or a gap
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> {
                if (player.equals(record.key())) {
                    mine.add(record.value());
                }
            });
        }
        return mine;
    }

    @Test
    void startsWithTheContextAndKeepsNumberingAfterARestart(TestKafka kafka, TestSchemaRegistry testRegistry) throws Exception {
        new TopicProvisioner(kafka.admin(), (short) 1, Duration.ofSeconds(30)).provision(Topics.ALL);
        Path stateDir = Files.createTempDirectory("notifier-state");
        String player = "player-" + UUID.randomUUID();
        try (SchemaRegistryClient registry = new SchemaRegistryClient(URI.create(testRegistry.url()))) {
            try (ApplicationContext context = start(kafka, testRegistry, stateDir)) {
                assertThat(context.containsBean(NotifierHealth.class)).isTrue();
                openTicket(kafka, registry, player, "t1");
                assertThat(notificationsOf(kafka, registry, player, 1)).extracting(PlayerNotification::getSequence).containsExactly(1L);
                assertThat(context.getBean(NotifierStreams.class).state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
            // a fresh state directory: the cursor comes back from the changelog, not from local disk
            try (ApplicationContext context = start(kafka, testRegistry, Files.createTempDirectory("notifier-state"))) {
                openTicket(kafka, registry, player, "t2");
                List<PlayerNotification> all = notificationsOf(kafka, registry, player, 2);
                assertThat(all).extracting(PlayerNotification::getSequence).containsExactly(1L, 2L);
                assertThat(((QueueJoined) all.get(1).getPayload()).getTicketId()).isEqualTo("t2");
            }
        }
    }

    @Test
    void doesNotStartWhenDisabled(TestKafka kafka, TestSchemaRegistry registry) {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "ludus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "ludus.registry.url", registry.url(),
                "ludus.notifier.enabled", "false"))) {
            assertThat(context.containsBean(NotifierStreams.class)).isFalse();
        }
    }
}
