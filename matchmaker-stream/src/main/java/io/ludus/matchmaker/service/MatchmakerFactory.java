package io.ludus.matchmaker.service;

import io.ludus.events.queue.InvalidQueueConfigException;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.service.KafkaSettings;
import io.ludus.service.NamedSettings;
import io.ludus.service.RegistrySettings;
import io.ludus.sim.content.ContentPack;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Wires the matchmaker from configuration and starts it with the context; stops it when the context closes. */
@Factory
@Requires(property = "ludus.matchmaker.enabled", notEquals = "false")
public class MatchmakerFactory {

    static final String NAME = "matchmaker";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    SchemaRegistryClient matchmakerRegistry(RegistrySettings registry) {
        return new SchemaRegistryClient(registry.uri());
    }

    @Context
    @Bean(preDestroy = "close")
    MatchmakerStreams matchmaker(MatchmakerProperties properties, Environment environment,
                                 KafkaSettings kafka,
                                 @Named(NAME) SchemaRegistryClient registry) {
        QueueDefinitions queues;
        try {
            queues = QueueDefinitions.parse(NamedSettings.read(environment, "ludus.queues", QueueDefinitions.FIELDS));
        } catch (InvalidQueueConfigException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        return MatchmakerStreams.start(config(properties, kafka.bootstrapServers(), flat(environment, "ludus.matchmaker.streams")),
                queues, registry, ContentPack.bundled());
    }

    static MatchmakerConfig config(MatchmakerProperties p, String bootstrapServers, Map<String, String> streamsOverrides) {
        Map<String, String> overrides = new LinkedHashMap<>();
        streamsOverrides.forEach((key, value) -> overrides.put(key.substring("ludus.matchmaker.streams.".length()), value));
        return new MatchmakerConfig(bootstrapServers, p.applicationId(), Path.of(p.stateDir()), p.threads(),
                p.standbyReplicas(), p.commitInterval(), p.passInterval(), p.maxOpenTickets(), p.topicPrefix(),
                Optional.ofNullable(p.advertisedHttp()), overrides);
    }

    /** Every setting under {@code prefix}, with its full key, as the parser of that section expects it. */
    static Map<String, String> flat(Environment environment, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        environment.getProperties(prefix, StringConvention.RAW)
                .forEach((key, value) -> out.put(prefix + "." + key, String.valueOf(value)));
        return out;
    }
}
