package io.ludus.projections.rating.stream;

import io.ludus.service.KafkaSettings;
import io.ludus.service.RegistrySettings;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.projections.streams.ManagedStreams;
import io.ludus.projections.streams.StreamsSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * Starts the ratings processor with any context that sets {@code ludus.kafka.bootstrap-servers}, unless
 * {@code ludus.projections.ratings.enabled=false}.
 */
@Factory
@Requires(property = "ludus.projections.ratings.enabled", notEquals = "false")
// a processor needs a broker and does not guess one: a context without Kafka configured starts none
@Requires(property = "ludus.kafka.bootstrap-servers")
public class RatingsFactory {

    public static final String NAME = "ratings";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    SchemaRegistryClient ratingsRegistry(RatingsConfig config) {
        return new SchemaRegistryClient(config.registryUrl());
    }

    @Singleton
    RatingsConfig ratingsConfig(RatingsProperties properties,
                                KafkaSettings kafka,
                                RegistrySettings registry) {
        try {
            return new RatingsConfig(kafka.bootstrapServers(), registry.uri(), properties.applicationId(),
                    properties.stateDir(), properties.topicPrefix(), properties.tau(),
                    properties.provisionalDeviation(), properties.ratingPeriod(), properties.rememberedMatches());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    @Context
    @Named(NAME)
    @Bean(preDestroy = "close")
    ManagedStreams ratingsStreams(RatingsConfig config, @Named(NAME) SchemaRegistryClient registry) {
        StreamsBuilder builder = new StreamsBuilder();
        RatingsTopology.build(builder, config, registry);
        return ManagedStreams.start(NAME, builder.build(), RatingsTopology.streamsProperties(config));
    }
}
