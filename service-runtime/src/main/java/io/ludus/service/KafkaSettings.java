package io.ludus.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The Kafka cluster every service talks to.
 *
 * @param bootstrapServers Kafka bootstrap servers, comma-separated host:port
 * @param deliveryTimeout  how long ingress lets a command wait for the broker before the client gets UNAVAILABLE (at least 1s)
 */
@Context
@ConfigurationProperties("ludus.kafka")
public record KafkaSettings(
        @Bindable(defaultValue = "localhost:9092") String bootstrapServers,
        @Bindable(defaultValue = "10s") Duration deliveryTimeout) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new InvalidSettingException("ludus.kafka.bootstrap-servers", "must not be blank");
        }
        if (deliveryTimeout == null || deliveryTimeout.toMillis() < 1000 || deliveryTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new InvalidSettingException("ludus.kafka.delivery-timeout", "must be at least 1s, was " + deliveryTimeout);
        }
    }
}
