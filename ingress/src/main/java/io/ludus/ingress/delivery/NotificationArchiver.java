package io.ludus.ingress.delivery;

import io.ludus.events.registry.RegistryUnavailableException;
import io.ludus.events.topic.Topics;
import io.ludus.service.KafkaSettings;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes player-notifications into the {@link NotificationLog}. The ingress nodes share the partitions in
 * one consumer group; offsets are committed after the rows, and the insert ignores rows already there, so
 * a crash between the two repeats nothing. Also purges the log past retention.
 */
@Singleton
public class NotificationArchiver implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationArchiver.class);

    private final NotificationLog log;
    private final NotificationRows rows;
    private final DeliveryProperties properties;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Clock clock = Clock.systemUTC();
    private Thread thread;
    private volatile boolean running = true;
    /** What this node committed per partition, so that an idle poll commits only when the position moved. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    NotificationArchiver(KafkaSettings kafka, NotificationLog log, NotificationRows rows, DeliveryProperties properties) {
        this.log = log;
        this.rows = rows;
        this.properties = properties;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, properties.archiveGroup(),
                ConsumerConfig.CLIENT_ID_CONFIG, "ludus-ingress-notification-log",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000,
                // a node that dies leaves its partitions unwritten until the group notices; the catch-up fills in
                // for resumes meanwhile (see ArchiveProgress), and this keeps the wait short
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Starts with the HTTP server: only a node that serves sockets needs it. */
    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (thread == null) {
            thread = Thread.ofPlatform().name("ludus-notification-log").daemon().start(this::run);
        }
    }

    private void run() {
        long nextPurge = 0;
        try {
            consumer.subscribe(List.of(Topics.PLAYER_NOTIFICATIONS.name()));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    store(records);
                } else {
                    commitSkipped();
                }
                if (System.nanoTime() - nextPurge > 0) {
                    purge();
                    nextPurge = System.nanoTime() + properties.purgeInterval().toNanos();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("notification log writer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void store(ConsumerRecords<String, byte[]> records) {
        List<NotificationLog.Entry> entries;
        try {
            entries = rows.of(records);
        } catch (RegistryUnavailableException e) {
            // a schema could not be fetched: read the batch again rather than leave a gap in the log
            LOG.warn("could not decode {} notifications; retrying: {}", records.count(), e.getMessage());
            rewind(records);
            sleep();
            return;
        }
        try {
            log.append(entries);
            consumer.commitSync();
            for (TopicPartition partition : records.partitions()) {
                committed.put(partition, consumer.position(partition));
            }
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the rows are in; whichever node owns the partition after the rebalance reads them again, and the
            // insert ignores rows it already has
            LOG.info("notification log offsets not committed during a rebalance: {}", e.toString());
        } catch (NotificationLogException e) {
            // read the batch again once PostgreSQL is back; the insert ignores rows it already has
            LOG.warn("could not log {} notifications; retrying: {}", entries.size(), e.getMessage());
            rewind(records);
            sleep();
        }
    }

    /**
     * A poll that returns nothing may still have moved past commit markers and aborted records (the notifier
     * writes in transactions). Committing that position matters: a node that starts reads from the end, past
     * those markers, and its resumes wait until the committed offsets reach where it started.
     */
    private void commitSkipped() {
        try {
            Map<TopicPartition, OffsetAndMetadata> moved = new HashMap<>();
            for (TopicPartition partition : consumer.assignment()) {
                long position = consumer.position(partition, Duration.ofSeconds(5));
                if (position > committed.getOrDefault(partition, -1L)) {
                    moved.put(partition, new OffsetAndMetadata(position));
                }
            }
            if (!moved.isEmpty()) {
                consumer.commitSync(moved);
                moved.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            }
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // a rebalance or a slow broker: the next idle poll tries again
            LOG.info("could not commit the notification log's position yet: {}", e.toString());
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        Set<TopicPartition> partitions = records.partitions();
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, records.records(partition).getFirst().offset());
        }
    }

    private void purge() {
        try {
            int purged = log.purge(clock.instant().minus(properties.retention()));
            if (purged > 0) {
                LOG.info("purged {} notifications past retention", purged);
            }
        } catch (NotificationLogException e) {
            LOG.warn("could not purge the notification log: {}", e.getMessage());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    synchronized void close() throws InterruptedException {
        running = false;
        if (thread == null) {
            consumer.close();
            return;
        }
        consumer.wakeup();
        thread.join(10_000);
    }
}
