package io.ludus.ingress.delivery;

import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.notification.QueueJoined;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import io.ludus.ingress.IngressInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes player-notifications as the notifier would: a QueueJoined per seq, ticketId "t<seq>". */
final class Notifications {

    private Notifications() {}

    static void produce(String playerId, long fromSeq, long toSeq) {
        try (SchemaRegistryClient registry = new SchemaRegistryClient(URI.create(IngressInfrastructure.registryUrl()))) {
            IngressInfrastructure.kafka().produce(new StringSerializer(),
                    Topics.PLAYER_NOTIFICATIONS.valueSerde(registry).serializer(), records(playerId, fromSeq, toSeq));
        }
    }

    /** As the notifier writes them (exactly_once_v2): in one transaction, so a commit marker follows the records. */
    static void produceInTransaction(String playerId, long fromSeq, long toSeq) {
        Map<String, Object> props = IngressInfrastructure.kafka().producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "notifier-" + UUID.randomUUID());
        try (SchemaRegistryClient registry = new SchemaRegistryClient(URI.create(IngressInfrastructure.registryUrl()));
             KafkaProducer<String, PlayerNotification> producer = new KafkaProducer<>(props, new StringSerializer(),
                     Topics.PLAYER_NOTIFICATIONS.valueSerde(registry).serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records(playerId, fromSeq, toSeq).forEach(producer::send);
            producer.commitTransaction();
        }
    }

    /** A transaction the notifier aborted (it failed over mid-batch, say): read_committed consumers skip it. */
    static void produceAborted(String playerId, long fromSeq, long toSeq) {
        Map<String, Object> props = IngressInfrastructure.kafka().producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "notifier-" + UUID.randomUUID());
        try (SchemaRegistryClient registry = new SchemaRegistryClient(URI.create(IngressInfrastructure.registryUrl()));
             KafkaProducer<String, PlayerNotification> producer = new KafkaProducer<>(props, new StringSerializer(),
                     Topics.PLAYER_NOTIFICATIONS.valueSerde(registry).serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records(playerId, fromSeq, toSeq).forEach(producer::send);
            producer.flush();
            producer.abortTransaction();
        }
    }

    private static List<ProducerRecord<String, PlayerNotification>> records(String playerId, long fromSeq, long toSeq) {
        List<ProducerRecord<String, PlayerNotification>> records = new ArrayList<>();
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            records.add(new ProducerRecord<>(Topics.PLAYER_NOTIFICATIONS.name(), playerId, PlayerNotification.newBuilder()
                    .setEventId(UUID.randomUUID())
                    .setOccurredAt(Instant.now())
                    .setCorrelationId("test")
                    .setSequence(seq)
                    .setPayload(QueueJoined.newBuilder().setCommandId("c" + seq).setQueueId("ranked-1v1").setTicketId("t" + seq).build())
                    .build()));
        }
        return records;
    }
}
