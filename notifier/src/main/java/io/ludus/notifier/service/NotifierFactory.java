package io.ludus.notifier.service;

import io.ludus.service.KafkaSettings;
import io.ludus.service.RegistrySettings;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.notifier.NotifierConfig;
import io.ludus.notifier.NotifierTopology;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;

/** Starts the notifier's Kafka Streams with the context (standalone or {@link io.ludus.notifier.NotifierMain}). */
@Factory
@Requires(property = "ludus.notifier.enabled", notEquals = "false")
public class NotifierFactory {

    static final String NAME = "notifier";
    private static final Logger LOG = LoggerFactory.getLogger(NotifierFactory.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    SchemaRegistryClient notifierRegistry(RegistrySettings registry) {
        return new SchemaRegistryClient(registry.uri());
    }

    @Context
    @Named(NAME)
    @Bean(preDestroy = "close")
    NotifierStreams notifierStreams(NotifierProperties properties,
                                    KafkaSettings kafka,
                                    @Named(NAME) SchemaRegistryClient registry) {
        NotifierConfig config;
        try {
            Path stateDir = properties.stateDir() == null
                    ? Path.of(System.getProperty("java.io.tmpdir"), "ludus-notifier")
                    : Path.of(properties.stateDir());
            config = new NotifierConfig(kafka.bootstrapServers(), properties.applicationId(), stateDir, properties.threads(),
                    properties.replicationFactor(), properties.commitInterval());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        StreamsBuilder builder = new StreamsBuilder();
        NotifierTopology.build(builder, registry);
        KafkaStreams streams = new KafkaStreams(builder.build(), config.streamsProperties());
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("notifier stream thread failed; replacing it", error);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return new NotifierStreams(streams, CLOSE_TIMEOUT);
    }
}
