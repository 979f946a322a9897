package io.ludus.projections.social.stream;

import io.ludus.events.topic.Topics;
import io.ludus.projections.social.friendship.FriendshipDecider;
import io.ludus.projections.streams.StreamsSettings;

import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Everything the social processor is configured with; names follow the {@code ludus.projections.social.*} keys and
 * a bad value fails construction with a message naming its key.
 *
 * @param bootstrapServers {@code ludus.kafka.bootstrap-servers} (required)
 * @param registryUrl      {@code ludus.registry.url} (default http://localhost:8081)
 * @param applicationId    Streams application id, so consumer group and internal topic prefix (default ludus-social)
 * @param stateDir         where RocksDB keeps the player and pair stores (default {java.io.tmpdir}/ludus-streams)
 * @param topicPrefix      prefix of every catalogue topic name (default empty)
 * @param friendCap        most friends a player may have (default 200)
 * @param partitions       partitions of the internal by-player and by-pair topics (default 12, as player-commands);
 *                         fixed once the application has run, since state is partitioned by it
 */
public record SocialConfig(String bootstrapServers, URI registryUrl, String applicationId, Path stateDir,
                           String topicPrefix, int friendCap, int partitions) {

    public static final String DEFAULT_APPLICATION_ID = "ludus-social";
    public static final int DEFAULT_PARTITIONS = Topics.PLAYER_COMMANDS.partitions();

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public SocialConfig {
        StreamsSettings.requireBootstrapServers(bootstrapServers);
        StreamsSettings.requireRegistryUrl(registryUrl);
        if (applicationId == null || !ID.matcher(applicationId).matches()) {
            throw new IllegalArgumentException("ludus.projections.social.application-id must be 1-200 of [A-Za-z0-9._-], was " + applicationId);
        }
        if (stateDir == null) {
            throw new IllegalArgumentException("ludus.projections.social.state-dir must be set");
        }
        topicPrefix = StreamsSettings.requireTopicPrefix("ludus.projections.social.topic-prefix", topicPrefix);
        if (friendCap < 1 || friendCap > 100_000) {
            throw new IllegalArgumentException("ludus.projections.social.friend-cap must be 1 to 100000, was " + friendCap);
        }
        if (partitions < 1 || partitions > 10_000) {
            throw new IllegalArgumentException("ludus.projections.social.partitions must be 1 to 10000, was " + partitions);
        }
    }

    public static SocialConfig defaults(String bootstrapServers, URI registryUrl, Path stateDir) {
        return new SocialConfig(bootstrapServers, registryUrl, DEFAULT_APPLICATION_ID, stateDir, "",
                FriendshipDecider.DEFAULT_FRIEND_CAP, DEFAULT_PARTITIONS);
    }
}
