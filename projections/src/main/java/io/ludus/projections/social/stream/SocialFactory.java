package io.ludus.projections.social.stream;

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
 * Starts the social processor with any context that sets {@code ludus.kafka.bootstrap-servers}, unless
 * {@code ludus.projections.social.enabled=false}.
 */
@Factory
@Requires(property = "ludus.projections.social.enabled", notEquals = "false")
// a processor needs a broker and does not guess one: a context without Kafka configured starts none
@Requires(property = "ludus.kafka.bootstrap-servers")
public class SocialFactory {

    public static final String NAME = "social";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    SchemaRegistryClient socialRegistry(SocialConfig config) {
        return new SchemaRegistryClient(config.registryUrl());
    }

    @Singleton
    SocialConfig socialConfig(SocialProperties properties,
                              KafkaSettings kafka,
                              RegistrySettings registry) {
        try {
            return new SocialConfig(kafka.bootstrapServers(), registry.uri(), properties.applicationId(),
                    properties.stateDir(), properties.topicPrefix(), properties.friendCap(), properties.partitions());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    @Context
    @Named(NAME)
    @Bean(preDestroy = "close")
    ManagedStreams socialStreams(SocialConfig config, @Named(NAME) SchemaRegistryClient registry) {
        StreamsBuilder builder = new StreamsBuilder();
        SocialTopology.build(builder, config, registry);
        return ManagedStreams.start(NAME, builder.build(), SocialTopology.streamsProperties(config));
    }
}
