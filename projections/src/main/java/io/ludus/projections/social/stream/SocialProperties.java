package io.ludus.projections.social.stream;

import io.ludus.projections.social.friendship.FriendshipDecider;
import io.ludus.projections.streams.StreamsAppProperties;
import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code ludus.projections.social.*}; {@link SocialConfig} validates them at startup. Defaults in the module README. */
@ConfigurationProperties("ludus.projections.social")
public class SocialProperties extends StreamsAppProperties {

    private int friendCap = FriendshipDecider.DEFAULT_FRIEND_CAP;
    private int partitions = SocialConfig.DEFAULT_PARTITIONS;

    public SocialProperties() {
        super(SocialConfig.DEFAULT_APPLICATION_ID);
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
