package io.ludus.matchmaker.service;

import io.ludus.events.queue.InvalidQueueConfigException;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.sim.content.ContentPack;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Wires the matchmaker from configuration and starts it with the context; stops it when the context closes. */
@Factory
@Requires(property = "ludus.matchmaker.enabled", notEquals = "false")
public class MatchmakerFactory {

    static final String NAME = "matchmaker";
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+:\\d{1,5}");

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    SchemaRegistryClient matchmakerRegistry(@Value("${ludus.registry.url:`http://localhost:8081`}") String url) {
        try {
            return new SchemaRegistryClient(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("ludus.registry.url must be an http(s) URL, was " + url, e);
        }
    }

    @Context
    @Bean(preDestroy = "close")
    MatchmakerStreams matchmaker(MatchmakerProperties properties, Environment environment,
                                 @Value("${ludus.kafka.bootstrap-servers:`localhost:9092`}") String bootstrapServers,
                                 @Named(NAME) SchemaRegistryClient registry) {
        QueueDefinitions queues;
        try {
            queues = QueueDefinitions.parse(flat(environment, "ludus.queues"));
        } catch (InvalidQueueConfigException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        return MatchmakerStreams.start(config(properties, bootstrapServers, flat(environment, "ludus.matchmaker.streams")),
                queues, registry, ContentPack.bundled());
    }

    static MatchmakerConfig config(MatchmakerProperties p, String bootstrapServers, Map<String, String> streamsOverrides) {
        require(p.getApplicationId() != null && !p.getApplicationId().isBlank(), "ludus.matchmaker.application-id", "must not be empty");
        require(p.getStateDir() != null && !p.getStateDir().isBlank(), "ludus.matchmaker.state-dir", "must not be empty");
        require(p.getThreads() >= 1 && p.getThreads() <= 64, "ludus.matchmaker.threads", "must be from 1 to 64, was " + p.getThreads());
        require(p.getStandbyReplicas() >= 0 && p.getStandbyReplicas() <= 5, "ludus.matchmaker.standby-replicas",
                "must be from 0 to 5, was " + p.getStandbyReplicas());
        requirePositive(p.getCommitInterval(), "ludus.matchmaker.commit-interval");
        requirePositive(p.getPassInterval(), "ludus.matchmaker.pass-interval");
        require(p.getMaxOpenTickets() >= 1 && p.getMaxOpenTickets() <= 100, "ludus.matchmaker.max-open-tickets",
                "must be from 1 to 100, was " + p.getMaxOpenTickets());
        require(p.getAdvertisedHttp() == null || HOST_PORT.matcher(p.getAdvertisedHttp()).matches(), "ludus.matchmaker.advertised-http",
                "must be host:port, was '" + p.getAdvertisedHttp() + "'");
        Map<String, String> overrides = new LinkedHashMap<>();
        streamsOverrides.forEach((key, value) -> overrides.put(key.substring("ludus.matchmaker.streams.".length()), value));
        return new MatchmakerConfig(bootstrapServers, p.getApplicationId(), Path.of(p.getStateDir()), p.getThreads(),
                p.getStandbyReplicas(), p.getCommitInterval(), p.getPassInterval(), p.getMaxOpenTickets(),
                p.getTopicPrefix() == null ? "" : p.getTopicPrefix(), Optional.ofNullable(p.getAdvertisedHttp()), overrides);
    }

    /** Every setting under {@code prefix}, with its full key, as the parser of that section expects it. */
    static Map<String, String> flat(Environment environment, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        environment.getProperties(prefix, StringConvention.RAW)
                .forEach((key, value) -> out.put(prefix + "." + key, String.valueOf(value)));
        return out;
    }

    private static void require(boolean ok, String key, String problem) {
        if (!ok) {
            throw new ConfigurationException(key + " " + problem);
        }
    }

    private static void requirePositive(Duration d, String key) {
        require(d != null && !d.isNegative() && !d.isZero(), key, "must be a positive duration, was " + d);
    }
}
