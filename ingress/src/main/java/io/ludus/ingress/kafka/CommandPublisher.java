package io.ludus.ingress.kafka;

import io.ludus.events.command.PlayerCommand;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.registry.SchemaRegistryException;
import io.ludus.events.serde.AvroValueSerializer;
import io.ludus.events.topic.Topics;
import io.ludus.ingress.ws.ErrorCode;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Produces validated commands to {@code player-commands}, keyed by playerId. The returned future
 * completes once Kafka has the command (acks=all), or fails with a {@link PublishException}.
 * {@link #publish} may block on the registry or on broker metadata: call it off the event loop.
 */
@Singleton
public class CommandPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(CommandPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final AvroValueSerializer<PlayerCommand> serializer;

    CommandPublisher(@Named(KafkaClients.NAME) KafkaProducer<String, byte[]> producer,
                     @Named(KafkaClients.NAME) SchemaRegistryClient registry) {
        this.producer = producer;
        this.serializer = Topics.PLAYER_COMMANDS.valueSerde(registry).serializer();
    }

    /** {@code payload} is one of the PlayerCommand payload records (JoinQueue, LeaveQueue, ...). */
    public CompletableFuture<Void> publish(String playerId, SpecificRecord payload) {
        UUID eventId = UUID.randomUUID();
        PlayerCommand command = PlayerCommand.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(Instant.now())
                // A client command starts its causal chain.
                .setCorrelationId(eventId.toString())
                .setCausationId(null)
                .setPayload(payload)
                .build();
        String topic = Topics.PLAYER_COMMANDS.name();
        CompletableFuture<Void> acked = new CompletableFuture<>();
        byte[] value;
        try {
            value = serializer.serialize(topic, command);
        } catch (SchemaRegistryException e) {
            LOG.warn("registry refused or unreachable for command {} of player {}: {}", eventId, playerId, e.getMessage());
            acked.completeExceptionally(new PublishException(ErrorCode.UNAVAILABLE, e));
            return acked;
        } catch (RuntimeException e) {
            LOG.error("could not serialize command {} of player {}", eventId, playerId, e);
            acked.completeExceptionally(new PublishException(ErrorCode.INTERNAL, e));
            return acked;
        }
        try {
            producer.send(new ProducerRecord<>(topic, playerId, value), (metadata, error) -> {
                if (error == null) {
                    acked.complete(null);
                } else {
                    LOG.warn("Kafka did not take command {} of player {}: {}", eventId, playerId, error.toString());
                    acked.completeExceptionally(new PublishException(ErrorCode.UNAVAILABLE, error));
                }
            });
        } catch (KafkaException e) {
            LOG.warn("Kafka did not take command {} of player {}: {}", eventId, playerId, e.toString());
            acked.completeExceptionally(new PublishException(ErrorCode.UNAVAILABLE, e));
        }
        return acked;
    }

    /** Why a command did not reach Kafka; {@code code} is what the client is told. */
    public static final class PublishException extends RuntimeException {
        private final ErrorCode code;

        PublishException(ErrorCode code, Throwable cause) {
            super(cause);
            this.code = code;
        }

        public ErrorCode code() {
            return code;
        }
    }
}
