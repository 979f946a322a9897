package io.ludus.projections.rating.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings under {@code ludus.projections.ratings}; {@link RatingsConfig} validates them at startup.
 *
 * @param enabled              whether this process runs the ratings processor
 * @param applicationId        Streams application id, so consumer group and internal topic prefix: instances with the
 *                             same id share the work
 * @param stateDir             where RocksDB keeps the player store; unset: {@code <java.io.tmpdir>/ludus-streams}.
 *                             Instances on one host need distinct directories
 * @param topicPrefix          prefix of every catalogue topic name
 * @param tau                  Glicko-2 system constant
 * @param provisionalDeviation deviation above which a player counts as provisional
 * @param ratingPeriod         idle time that counts as one rating period for inactivity
 * @param rememberedMatches    match ids kept per player to rate each match once
 */
@ConfigurationProperties("ludus.projections.ratings")
public record RatingsProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = RatingsConfig.DEFAULT_APPLICATION_ID) String applicationId,
        @Nullable Path stateDir,
        @Bindable(defaultValue = "") String topicPrefix,
        @Bindable(defaultValue = "0.5") double tau,
        @Bindable(defaultValue = "110") double provisionalDeviation,
        @Bindable(defaultValue = "7d") Duration ratingPeriod,
        @Bindable(defaultValue = "256") int rememberedMatches) {

    public RatingsProperties {
        stateDir = stateDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "ludus-streams") : stateDir;
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
    }
}
