package io.ludus.ingress.account;

import java.time.Instant;
import java.util.UUID;

/** One outbox row: Debezium routes {@code payload} to {@code topic} under {@code key}. */
public record OutboxEvent(UUID id, String topic, String key, String type, byte[] payload, Instant occurredAt) {}
