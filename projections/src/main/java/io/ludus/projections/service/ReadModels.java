package io.ludus.projections.service;

import io.ludus.service.KafkaSettings;
import io.ludus.service.RegistrySettings;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.projections.readmodel.Projection;
import io.ludus.projections.readmodel.Projector;
import io.ludus.projections.readmodel.ReadModelCatalogue;
import io.ludus.projections.readmodel.ReadModelSchemas;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Migrates every read-model schema and runs one projector per read model (unless
 * {@code ludus.projections.enabled=false}). Eager, so bad configuration stops startup.
 * {@code ludus.projections.read-models.enabled=false} leaves the read models out of this process altogether
 * (an instance running only the stream processors, which need no database).
 */
@Context
@Requires(property = "ludus.projections.read-models.enabled", notEquals = "false")
public class ReadModels implements AutoCloseable {

    static final String JWT_KEY = "micronaut.security.token.jwt.signatures.secret.generator.secret";
    private static final Logger LOG = LoggerFactory.getLogger(ReadModels.class);

    private final List<Projector> projectors = new ArrayList<>();
    private final SchemaRegistryClient registry;

    ReadModels(@Named("projections") DataSource dataSource, ProjectionsConfiguration config,
               KafkaSettings kafka, RegistrySettings registrySettings,
               @Value("${" + JWT_KEY + ":}") String jwtSecret) {
        if (jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException(JWT_KEY + " must be set to a secret of at least 32 bytes (the query API verifies player tokens with it)");
        }
        List<Projection> projections = ReadModelCatalogue.all(config.parsedSeasons());
        for (Projection projection : projections) {
            ReadModelSchemas.migrate(dataSource, projection.name(), ReadModelSchemas.live(projection.name()));
        }
        ReadModelSchemas.migrateOps(dataSource);
        if (!config.enabled()) {
            registry = null;
            return;
        }
        registry = new SchemaRegistryClient(registrySettings.uri());
        try {
            for (Projection projection : projections) {
                Projector projector = new Projector(projection, dataSource, ReadModelSchemas.live(projection.name()), true,
                        kafka.bootstrapServers(), config.topicPrefix(), registry, config.projectorOptions());
                projectors.add(projector);
                projector.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Read-model projectors running: {}", projections.stream().map(Projection::name).toList());
    }

    public List<Projector> projectors() {
        return List.copyOf(projectors);
    }

    @PreDestroy
    @Override
    public void close() {
        // all at once: a projector waiting on the database must not hold up the next one's stop
        projectors.forEach(Projector::stop);
        for (Projector projector : projectors) {
            try {
                projector.awaitStopped(java.time.Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warn("Error while stopping projector {}", projector.projectionName(), e);
            }
        }
        projectors.clear();
        if (registry != null) {
            registry.close();
        }
    }
}
