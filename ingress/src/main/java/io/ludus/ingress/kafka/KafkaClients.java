package io.ludus.ingress.kafka;

import io.ludus.service.KafkaSettings;
import io.ludus.service.RegistrySettings;
import io.ludus.events.registry.SchemaRegistryClient;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Ingress' Kafka and registry clients, named "ingress" so they never clash with another service's in one JVM. */
@Factory
class KafkaClients {

    static final String NAME = "ingress";

    /** Values arrive already in the Confluent wire format, so registry failures surface before the send. */
    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    KafkaProducer<String, byte[]> commandProducer(KafkaSettings settings) {
        return new KafkaProducer<>(producerConfig(settings), new StringSerializer(), new ByteArraySerializer());
    }

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    Admin admin(KafkaSettings settings) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "ludus-ingress-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
    }

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    SchemaRegistryClient registry(RegistrySettings settings) {
        return new SchemaRegistryClient(settings.uri(), Duration.ofSeconds(5));
    }

    static Map<String, Object> producerConfig(KafkaSettings settings) {
        int deliveryMs = (int) settings.deliveryTimeout().toMillis();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ludus-ingress-commands");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // The client waits for its ack, so every bound on the send is the delivery timeout.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deliveryMs / 2);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryMs);
        return config;
    }
}
