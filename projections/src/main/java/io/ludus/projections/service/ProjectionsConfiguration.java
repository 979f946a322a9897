package io.ludus.projections.service;

import io.ludus.projections.readmodel.Projector;
import io.ludus.projections.readmodel.ratings.Season;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code ludus.projections} (read models). Each component documents its default; an invalid value
 * fails startup with a message naming the key. Also read: {@code ludus.kafka.bootstrap-servers},
 * {@code ludus.registry.url}, the {@code datasources.projections.*} datasource and the JWT secret.
 *
 * @param enabled         run the read-model projectors in this process (default true); false serves queries only
 * @param topicPrefix     prepended to every catalogue topic name, for several environments on one cluster (default "")
 * @param maxBatchRecords most records applied in one database transaction (default 2000)
 * @param pollTimeout     longest a projector waits for records before polling again (default 500ms)
 * @param retryBackoff    pause after a failed batch before retrying from the stored offsets (default 1s)
 * @param groupId         Kafka consumer group through which this service's instances share each read model's
 *                        partitions; the group of a read model is {@code <group-id>.<topic-prefix><name>}
 *                        (default ludus-projections)
 * @param seasons         ranked seasons as {@code ID=START/END} ISO-8601 instants, e.g.
 *                        {@code s1=2026-09-01T00:00:00Z/2026-12-01T00:00:00Z} (default none)
 */
@Context
@ConfigurationProperties("ludus.projections")
public record ProjectionsConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "") String topicPrefix,
        @Bindable(defaultValue = "2000") int maxBatchRecords,
        @Bindable(defaultValue = "500ms") Duration pollTimeout,
        @Bindable(defaultValue = "1s") Duration retryBackoff,
        @Bindable(defaultValue = "ludus-projections") String groupId,
        @Nullable List<String> seasons) {

    public ProjectionsConfiguration {
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        if (maxBatchRecords < 1 || maxBatchRecords > 100_000) {
            throw new IllegalArgumentException("ludus.projections.max-batch-records must be between 1 and 100000, was " + maxBatchRecords);
        }
        requirePositive("ludus.projections.poll-timeout", pollTimeout);
        requirePositive("ludus.projections.retry-backoff", retryBackoff);
        if (groupId == null || !groupId.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("ludus.projections.group-id must be 1-200 letters, digits, '.', '_' or '-', was " + groupId);
        }
        seasons = seasons == null ? List.of() : List.copyOf(seasons);
        Season.parseAll(seasons, "ludus.projections.seasons");
    }

    public List<Season> parsedSeasons() {
        return Season.parseAll(seasons, "ludus.projections.seasons");
    }

    public Projector.Options projectorOptions() {
        return new Projector.Options(maxBatchRecords, pollTimeout, retryBackoff, groupId);
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + value);
        }
    }
}
