package io.ludus.ingress.delivery;

import io.ludus.events.topic.Topics;
import io.ludus.service.KafkaSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes one partition of player-notifications into the {@link NotificationLog} from where its writers stopped
 * up to where a waiting resume needs it, without joining their group or committing for them: the rows are
 * the same ones the writers will insert later, and the insert ignores rows it already has. One partition at
 * a time, each once per request, on its own consumer.
 */
@Singleton
class ArchiveCatchUp {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveCatchUp.class);
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);

    private final KafkaSettings kafka;
    private final NotificationRows rows;
    private final NotificationLog log;
    /** Per partition, the offset up to which this node wrote the log itself. */
    private final Map<Integer, Long> wrote = new ConcurrentHashMap<>();
    /** Per partition, the offset a requested catch-up is to reach (present while one is queued or running). */
    private final Map<Integer, Long> requested = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("ludus-notification-log-catch-up").daemon().factory());
    private KafkaConsumer<String, byte[]> consumer;

    ArchiveCatchUp(KafkaSettings kafka, NotificationRows rows, NotificationLog log) {
        this.kafka = kafka;
        this.rows = rows;
        this.log = log;
    }

    long wrote(int partition) {
        return wrote.getOrDefault(partition, -1L);
    }

    /** Asks for {@code partition} to be in the log before {@code until}, reading from {@code from} (-1: its start). */
    void request(int partition, long from, long until) {
        Long pending = requested.putIfAbsent(partition, until);
        if (pending != null) {
            if (pending < until) {
                requested.merge(partition, until, Math::max);
            }
            return;
        }
        worker.execute(() -> run(partition, from));
    }

    private void run(int partition, long from) {
        TopicPartition tp = new TopicPartition(Topics.PLAYER_NOTIFICATIONS.name(), partition);
        long start = Math.max(from, wrote(partition));
        long until = requested.get(partition);
        long began = System.nanoTime();
        try {
            KafkaConsumer<String, byte[]> reader = consumer();
            reader.assign(List.of(tp));
            if (start < 0) {
                reader.seekToBeginning(List.of(tp));
            } else {
                reader.seek(tp, start);
            }
            long written = 0;
            while (true) {
                until = requested.get(partition);
                if (reader.position(tp) >= until) {
                    break;
                }
                if (System.nanoTime() - began > GIVE_UP_AFTER.toNanos()) {
                    LOG.warn("notification log catch-up of partition {} stopped at {} before {}", partition, reader.position(tp), until);
                    break;
                }
                ConsumerRecords<String, byte[]> records = reader.poll(Duration.ofMillis(200));
                List<NotificationLog.Entry> entries = rows.of(records);
                log.append(entries);
                written += entries.size();
                wrote.merge(partition, reader.position(tp), Math::max);
            }
            LOG.info("caught the notification log of partition {} up from {} to {} ({} rows) for a waiting resume",
                    partition, start, reader.position(tp), written);
        } catch (RuntimeException e) {
            // the waiting resumes ask again; past gap-timeout their clients are told to resync
            LOG.warn("could not catch the notification log of partition {} up: {}", partition, e.toString());
        } finally {
            requested.remove(partition);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.CLIENT_ID_CONFIG, "ludus-ingress-notification-log-catch-up",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000),
                    new StringDeserializer(), new ByteArrayDeserializer());
        }
        return consumer;
    }

    @PreDestroy
    void close() throws InterruptedException {
        worker.shutdownNow();
        if (worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS) && consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
