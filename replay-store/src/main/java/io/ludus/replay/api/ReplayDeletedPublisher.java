package io.ludus.replay.api;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.replay.ReplayDeleted;
import io.ludus.events.replay.ReplayDeletionReason;
import io.ludus.events.replay.ReplayEvent;
import io.ludus.events.topic.Topics;
import io.ludus.replay.store.ReplayDeletionListener;
import io.ludus.replay.store.ReplayRef;
import io.micronaut.context.annotation.Requires;
import io.ludus.service.KafkaSettings;
import io.ludus.service.RegistrySettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Publishes ReplayDeleted on {@code replay-events} before retention deletes a replay, so replay
 * indexes can follow. It waits for Kafka's acknowledgement; if publishing fails it throws, and
 * retention keeps the replay for its next run, so no index is left pointing at nothing silently.
 */
@Singleton
@Requires(property = "ludus.kafka.bootstrap-servers")
@Requires(property = "ludus.registry.url")
public class ReplayDeletedPublisher implements ReplayDeletionListener, AutoCloseable {

    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    /** Longer than the delivery timeout, so a send given up on here cannot land afterwards. */
    private static final Duration SEND_TIMEOUT = DELIVERY_TIMEOUT.plusSeconds(5);

    private final String topic;
    private final Clock clock;
    private final SchemaRegistryClient registry;
    private final KafkaProducer<String, ReplayEvent> producer;

    @Inject
    public ReplayDeletedPublisher(KafkaSettings kafka, RegistrySettings registry) {
        this(kafka.bootstrapServers(), registry.uri(), Topics.REPLAY_EVENTS.name(), Clock.systemUTC());
    }

    public ReplayDeletedPublisher(String bootstrapServers, URI registryUrl, String topic, Clock clock) {
        this.topic = topic;
        this.clock = clock;
        this.registry = new SchemaRegistryClient(registryUrl);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "ludus-replay-retention",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis() / 2,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis()),
                Topics.REPLAY_EVENTS.keySerde().serializer(), Topics.REPLAY_EVENTS.valueSerde(registry).serializer());
    }

    @Override
    public void replayDeleted(ReplayRef deleted) {
        UUID eventId = UUID.randomUUID();
        ReplayEvent event = new ReplayEvent(eventId, clock.instant(), eventId.toString(), null,
                new ReplayDeleted(deleted.matchId(), deleted.key(), ReplayDeletionReason.RETENTION_EXPIRED));
        try {
            producer.send(new ProducerRecord<>(topic, deleted.matchId(), event)).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing ReplayDeleted for match " + deleted.matchId(), e);
        } catch (ExecutionException | TimeoutException | KafkaException | io.ludus.events.registry.SchemaRegistryException e) {
            throw new IllegalStateException("could not publish ReplayDeleted for match " + deleted.matchId()
                    + "; the replay is kept until a later retention run", e);
        }
    }

    @Override
    @PreDestroy
    public void close() {
        producer.close(Duration.ofSeconds(5));
        registry.close();
    }
}
