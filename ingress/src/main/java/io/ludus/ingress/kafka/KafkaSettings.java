package io.ludus.ingress.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings under {@code ludus.kafka}.
 *
 * @param bootstrapServers Kafka bootstrap servers (default localhost:9092)
 * @param deliveryTimeout  how long a command may wait for the broker before the client gets UNAVAILABLE (default 10s)
 */
@Context
@ConfigurationProperties("ludus.kafka")
public record KafkaSettings(
        @Bindable(defaultValue = "localhost:9092") String bootstrapServers,
        @Bindable(defaultValue = "10s") Duration deliveryTimeout) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("ludus.kafka.bootstrap-servers must not be blank");
        }
        if (deliveryTimeout == null || deliveryTimeout.toMillis() < 1000 || deliveryTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ludus.kafka.delivery-timeout must be at least 1s, was " + deliveryTimeout);
        }
    }
}
