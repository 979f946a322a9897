package io.ludus.projections.social.friendship;

/**
 * What the pair's decider knows about one player from outside the pair: whether the account exists, whether it is
 * banned, and how many friends it has (a snapshot, see the module README on the friend cap's slack).
 */
public record Party(boolean known, boolean banned, int friends) {

    public static final Party UNKNOWN = new Party(false, false, 0);

    public Party {
        if (friends < 0) {
            throw new IllegalArgumentException("friends must not be negative, was " + friends);
        }
    }
}
