package io.ludus.tools.ops;

/** One observation of a partition: the group's committed offset and its lag (exactly-once aware) at that moment. */
public record LagSample(long committed, long lag) {

    public LagSample {
        if (lag < 0) {
            throw new IllegalArgumentException("lag must not be negative, was " + lag);
        }
    }
}
