package io.ludus.matchmaker.service;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One queue as the instance owning it sees it: tickets waiting after the latest pass, the median and 95th percentile
 * wait of its recently matched tickets ({@code -1} before the first match), and the matches it has formed since its
 * state began (a counter for rates; it restarts only if the state store is rebuilt from nothing).
 */
@Serdeable
public record QueueStatus(String queueId, int teamSize, boolean ranked, int depth, long waitP50Millis,
                          long waitP95Millis, long matchesFormed) {}
