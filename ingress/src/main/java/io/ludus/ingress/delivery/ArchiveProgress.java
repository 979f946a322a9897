package io.ludus.ingress.delivery;

import io.ludus.events.topic.Topics;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How far the notification log got per partition: the log writers' committed offsets (fetched at most every
 * 100 ms, whichever node owns the partition), or what this node's {@link ArchiveCatchUp} wrote itself. A resume
 * is complete only once the log holds everything the live feed read before the socket subscribed. A partition
 * whose writers stay behind for {@code archive-catch-up-after} (their node died and the group has not noticed
 * yet, or every node just restarted) is caught up by this node instead of leaving its resumes waiting.
 */
@Singleton
public class ArchiveProgress {

    private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Admin admin;
    private final DeliveryProperties properties;
    private final ArchiveCatchUp catchUp;
    private Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
    private long fetchedAt;
    /** Per partition, since when a resume has been waiting for the writers. */
    private final Map<Integer, Long> waitingSince = new HashMap<>();

    ArchiveProgress(@Named("ingress") Admin admin, DeliveryProperties properties, ArchiveCatchUp catchUp) {
        this.admin = admin;
        this.properties = properties;
        this.catchUp = catchUp;
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
        long written = position == null ? -1 : position.offset();
        if (written >= offset || catchUp.wrote(partition) >= offset) {
            waitingSince.remove(partition);
            return true;
        }
        long now = System.nanoTime();
        long since = waitingSince.computeIfAbsent(partition, p -> now);
        if (now - since > properties.archiveCatchUpAfter().toNanos()) {
            catchUp.request(partition, written, offset);
        }
        return false;
    }
}
