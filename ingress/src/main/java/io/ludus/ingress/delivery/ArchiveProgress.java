package io.ludus.ingress.delivery;

import io.ludus.events.topic.Topics;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How far the notification log writers got, from their consumer group's committed offsets (fetched at
 * most every 100 ms, whichever node owns the partition): a resume is complete only once the log holds
 * everything the live feed read before the socket subscribed.
 */
@Singleton
public class ArchiveProgress {

    private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Admin admin;
    private final DeliveryProperties properties;
    private Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
    private long fetchedAt;

    ArchiveProgress(@Named("ingress") Admin admin, DeliveryProperties properties) {
        this.admin = admin;
        this.properties = properties;
    }

    /** True once every record of {@code partition} before {@code offset} is in the log. */
    synchronized boolean covers(int partition, long offset) throws Exception {
        if (offset <= 0) {
            return true;
        }
        if (System.nanoTime() - fetchedAt > REFRESH_NANOS) {
            committed = admin.listConsumerGroupOffsets(properties.archiveGroup()).partitionsToOffsetAndMetadata()
                    .get(5, TimeUnit.SECONDS);
            fetchedAt = System.nanoTime();
        }
        OffsetAndMetadata position = committed.get(new TopicPartition(Topics.PLAYER_NOTIFICATIONS.name(), partition));
        return position != null && position.offset() >= offset;
    }
}
