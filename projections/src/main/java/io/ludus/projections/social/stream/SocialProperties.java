package io.ludus.projections.social.stream;

import io.ludus.projections.social.friendship.FriendshipDecider;
import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;

/** {@code ludus.projections.social.*}; {@link SocialConfig} validates them at startup. Defaults in the module README. */
@ConfigurationProperties("ludus.projections.social")
public class SocialProperties {

    private boolean enabled = true;
    private String applicationId = SocialConfig.DEFAULT_APPLICATION_ID;
    private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "ludus-streams");
    private String topicPrefix = "";
    private int friendCap = FriendshipDecider.DEFAULT_FRIEND_CAP;
    private int partitions = SocialConfig.DEFAULT_PARTITIONS;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    public Path getStateDir() {
        return stateDir;
    }

    public void setStateDir(Path stateDir) {
        this.stateDir = stateDir;
    }

    public String getTopicPrefix() {
        return topicPrefix;
    }

    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    public int getFriendCap() {
        return friendCap;
    }

    public void setFriendCap(int friendCap) {
        this.friendCap = friendCap;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }
}
