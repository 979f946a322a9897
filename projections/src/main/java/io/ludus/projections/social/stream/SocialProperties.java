package io.ludus.projections.social.stream;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;

/**
 * Settings under {@code ludus.projections.social}; {@link SocialConfig} validates them at startup.
 *
 * @param enabled       whether this process runs the friendship processor
 * @param applicationId Streams application id, so consumer group and internal topic prefix: instances with the same id
 *                      share the work
 * @param stateDir      where RocksDB keeps the player and pair stores; unset: {@code <java.io.tmpdir>/ludus-streams}.
 *                      Instances on one host need distinct directories
 * @param topicPrefix   prefix of every catalogue topic name
 * @param friendCap     most friends a player may have
 * @param partitions    partitions of the internal by-player and by-pair topics (as player-commands)
 */
@ConfigurationProperties("ludus.projections.social")
public record SocialProperties(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = SocialConfig.DEFAULT_APPLICATION_ID) String applicationId,
        @Nullable Path stateDir,
        @Bindable(defaultValue = "") String topicPrefix,
        @Bindable(defaultValue = "200") int friendCap,
        @Bindable(defaultValue = "12") int partitions) {

    public SocialProperties {
        stateDir = stateDir == null ? Path.of(System.getProperty("java.io.tmpdir"), "ludus-streams") : stateDir;
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
    }
}
