package io.ludus.ingress.delivery;

import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.registry.RegistryUnavailableException;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueDeserializer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** player-notifications records as {@link NotificationLog} rows: one decoding for every writer of the log. */
@Singleton
class NotificationRows {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationRows.class);

    private final NotificationFrames frames;
    private final AvroValueDeserializer<PlayerNotification> values;

    NotificationRows(@Named("ingress") SchemaRegistryClient registry, NotificationFrames frames) {
        this.frames = frames;
        this.values = new AvroValueDeserializer<>(registry, PlayerNotification.class);
    }

    /**
     * The rows of {@code records}; a record that cannot be read is logged and left out (it would never be).
     * A registry that does not answer is not such a record: that throws, and the caller reads the batch again.
     */
    List<NotificationLog.Entry> of(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<NotificationLog.Entry> entries = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.key() == null || record.value() == null) {
                continue;
            }
            try {
                PlayerNotification notification = values.deserialize(record.topic(), record.value());
                entries.add(new NotificationLog.Entry(record.key(), notification.getSequence(),
                        notification.getOccurredAt(), frames.encode(notification)));
            } catch (RegistryUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.error("skipping unreadable notification at {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
            }
        }
        return entries;
    }
}
