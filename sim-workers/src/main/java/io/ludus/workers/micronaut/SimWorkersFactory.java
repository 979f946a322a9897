package io.ludus.workers.micronaut;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.replay.api.ReplayConfiguration;
import io.ludus.replay.store.ReplayStore;
import io.ludus.workers.SimWorkerConfig;
import io.ludus.workers.SimulationWorker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
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

    /** {@code ludus.registry.url}: the Confluent-compatible schema registry. Default http://localhost:8081. */
    @Singleton
    @Named(NAME)
    @Bean(preDestroy = "close")
    SchemaRegistryClient simWorkersRegistry(@Value("${ludus.registry.url:`http://localhost:8081`}") String url) {
        try {
            return new SchemaRegistryClient(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("ludus.registry.url must be an http(s) URL, was " + url, e);
        }
    }

    /** {@code ludus.kafka.bootstrap-servers}: default localhost:9092. */
    @Context
    @Bean(preDestroy = "close")
    SimulationWorker simulationWorker(SimWorkersProperties properties,
                                      @Value("${ludus.kafka.bootstrap-servers:`localhost:9092`}") String bootstrapServers,
                                      @Named(NAME) SchemaRegistryClient registry,
                                      ReplayStore store,
                                      ReplayConfiguration replay,
                                      ReplayConfiguration.Fs fs,
                                      ReplayConfiguration.S3 s3,
                                      ReplayConfiguration.Retention retention,
                                      MeterRegistry meters) {
        SimWorkerConfig config;
        try {
            config = new SimWorkerConfig(bootstrapServers, properties.getGroupId(), properties.getThreads(),
                    properties.getMaxPollRecords(), properties.getInstanceId(), properties.getTopicPrefix(),
                    properties.getTransactionTimeout(), properties.getShutdownTimeout(),
                    replayBaseUri(replay, fs, s3), retention.getMaxAge());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
        SimulationWorker worker = new SimulationWorker(config, registry, store, Clock.systemUTC(), meters);
        worker.start();
        return worker;
    }

    /** Where a replay's key is resolved for the uri in result events: the fs directory or the S3 bucket. */
    static URI replayBaseUri(ReplayConfiguration replay, ReplayConfiguration.Fs fs, ReplayConfiguration.S3 s3) {
        return switch (replay.getStore()) {
            case FS -> {
                String uri = fs.getDirectory().toAbsolutePath().toUri().toString();
                yield URI.create(uri.endsWith("/") ? uri : uri + "/");
            }
            case S3 -> URI.create("s3://" + s3.getBucket() + "/");
        };
    }
}
