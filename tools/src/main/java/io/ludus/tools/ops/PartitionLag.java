package io.ludus.tools.ops;

/**
 * One partition a group has committed on. {@code lag} counts offsets between the commit and the end (the last
 * stable offset under read_committed), and is zero when only transaction markers or aborted records lie between;
 * {@code lagMillis} is now minus the timestamp of the oldest unconsumed record, null when nothing waits or it
 * could not be read in time.
 */
public record PartitionLag(String topic, int partition, long committed, long end, long lag, Long lagMillis, GroupStatus status) {}
