package io.ludus.workers.service;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.replay.api.ReplayConfiguration;
import io.ludus.replay.api.ReplayFsSettings;
import io.ludus.replay.api.ReplayRetentionSettings;
import io.ludus.replay.api.ReplayS3Settings;
import io.ludus.service.KafkaSettings;
import io.ludus.service.RegistrySettings;
import io.ludus.replay.store.ReplayStore;
import io.ludus.workers.SimWorkerConfig;
import io.ludus.workers.SimulationWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;

/** Wires a {@link SimulationWorker} from configuration and starts it with the context. */
@Factory
@Requires(property = "ludus.sim.enabled", notEquals = "false")
public class SimWorkersFactory {

    static final String NAME = "sim-workers";

    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    SchemaRegistryClient simWorkersRegistry(RegistrySettings registry) {
        return new SchemaRegistryClient(registry.uri());
    }

    @Context
    @Bean(preDestroy = "close")
    SimulationWorker simulationWorker(SimWorkersProperties properties,
                                      KafkaSettings kafka,
                                      @Named(NAME) SchemaRegistryClient registry,
                                      ReplayStore store,
                                      ReplayConfiguration replay,
                                      ReplayFsSettings fs,
                                      ReplayS3Settings s3,
                                      ReplayRetentionSettings retention,
                                      MeterRegistry meters) {
        SimWorkerConfig config;
        try {
            config = new SimWorkerConfig(kafka.bootstrapServers(), properties.groupId(), properties.threads(),
                    properties.maxPollRecords(), properties.instanceId(), properties.topicPrefix(),
                    properties.transactionTimeout(), properties.shutdownTimeout(),
                    replayBaseUri(replay, fs, s3), retention.maxAge());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        SimulationWorker worker = new SimulationWorker(config, registry, store, Clock.systemUTC(), meters);
        worker.start();
        return worker;
    }

    /** Where a replay's key is resolved for the uri in result events: the fs directory or the S3 bucket. */
    static URI replayBaseUri(ReplayConfiguration replay, ReplayFsSettings fs, ReplayS3Settings s3) {
        return switch (replay.store()) {
            case FS -> {
                String uri = fs.directory().toAbsolutePath().toUri().toString();
                yield URI.create(uri.endsWith("/") ? uri : uri + "/");
            }
            case S3 -> URI.create("s3://" + s3.bucket() + "/");
        };
    }
}
