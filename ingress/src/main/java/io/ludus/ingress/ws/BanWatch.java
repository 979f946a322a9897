package io.ludus.ingress.ws;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountEvent;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Every node reads account-events from its end (no group) and closes a banned player's sockets here
 * with 4007. A ban is rare and small, so every node reading every partition costs nothing worth routing.
 */
@Singleton
public class BanWatch implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(BanWatch.class);

    private final Sockets sockets;
    private final AvroValueDeserializer<AccountEvent> values;
    private final KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean running = true;

    BanWatch(KafkaSettings kafka, @Named("ingress") SchemaRegistryClient registry, Sockets sockets) {
        this.sockets = sockets;
        this.values = new AvroValueDeserializer<>(registry, AccountEvent.class);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "ludus-ingress-ban-watch",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Starts with the HTTP server: only a node that serves sockets needs it. */
    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (thread == null) {
            thread = Thread.ofPlatform().name("ludus-ban-watch").daemon().start(this::run);
        }
    }

    /** Completes once the watch reads from the end of every partition. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    private void run() {
        try {
            String topic = Topics.ACCOUNT_EVENTS.name();
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
            assigned.forEach(consumer::position);
            ready.complete(null);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        if (values.deserialize(record.topic(), record.value()).getPayload() instanceof AccountBanned banned) {
                            int closed = sockets.closeAll(banned.getPlayerId(), CloseCode.ACCOUNT_BANNED, "account banned");
                            LOG.info("player {} banned: closed {} sockets here", banned.getPlayerId(), closed);
                        }
                    } catch (RuntimeException e) {
                        LOG.error("skipping account event at {}-{}@{}", record.topic(), record.partition(), record.offset(), e);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("ban watch stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
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
