package io.ludus.ingress.delivery;

import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueDeserializer;
import io.ludus.events.topic.Topics;
import io.ludus.service.KafkaSettings;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Every node reads every partition of player-notifications from its end (no consumer group, read_committed)
 * and hands each notification of a player with a socket here to that socket's stream. Only those values
 * are decoded; the rest cost a key comparison. See the ingress README for the cost as nodes grow.
 */
@Singleton
public class LiveFeed implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final NotificationDelivery delivery;
    private final NotificationFrames frames;
    private final AvroValueDeserializer<PlayerNotification> values;
    private final KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean running = true;
    /** Per partition, the offset after the last record looked at; -1 until assigned. */
    private volatile AtomicLongArray positions = new AtomicLongArray(0);

    LiveFeed(KafkaSettings kafka, @Named("ingress") SchemaRegistryClient registry, NotificationDelivery delivery,
             NotificationFrames frames) {
        this.delivery = delivery;
        this.frames = frames;
        this.values = new AvroValueDeserializer<>(registry, PlayerNotification.class);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "ludus-ingress-live-feed",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Starts with the HTTP server: only a node that serves sockets needs it. */
    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (thread == null) {
            thread = Thread.ofPlatform().name("ludus-live-feed").daemon().start(this::run);
        }
    }

    /** The player's partition and the offset the feed reads next there, or null before the feed is ready. */
    LivePosition position(String playerId) {
        AtomicLongArray current = positions;
        if (current.length() == 0) {
            return null;
        }
        int partition = Utils.toPositive(Utils.murmur2(playerId.getBytes(StandardCharsets.UTF_8))) % current.length();
        return new LivePosition(partition, current.get(partition));
    }

    record LivePosition(int partition, long offset) {}

    /** Completes once the feed reads from the end of every partition. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    private void run() {
        try {
            assignAtEnd();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    // before the local check: a socket that subscribes after this sees the offset as passed
                    positions.set(record.partition(), record.offset() + 1);
                    if (record.key() == null || record.value() == null || !delivery.isLocal(record.key())) {
                        continue;
                    }
                    try {
                        PlayerNotification notification = values.deserialize(record.topic(), record.value());
                        delivery.deliver(record.key(), notification.getSequence(), record.offset() + 1, frames.encode(notification));
                    } catch (RuntimeException e) {
                        LOG.error("skipping notification at {}-{}@{} of player {}", record.topic(), record.partition(),
                                record.offset(), record.key(), e);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("live notification feed stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void assignAtEnd() throws WakeupException {
        String topic = Topics.PLAYER_NOTIFICATIONS.name();
        List<PartitionInfo> partitions = List.of();
        while (running && partitions.isEmpty()) {
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warn("waiting for topic {}: {}", topic, e.getMessage());
            }
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        AtomicLongArray start = new AtomicLongArray(assigned.size());
        for (TopicPartition partition : assigned) {
            start.set(partition.partition(), consumer.position(partition));
        }
        positions = start;
        ready.complete(null);
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
