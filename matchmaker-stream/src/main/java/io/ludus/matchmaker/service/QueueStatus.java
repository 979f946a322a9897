package io.ludus.matchmaker.service;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One queue as the instance owning it sees it: tickets waiting after the latest pass and the median wait of its
 * recently matched tickets ({@code -1} before the first match).
 */
@Serdeable
public record QueueStatus(String queueId, int teamSize, boolean ranked, int depth, long waitP50Millis) {}
