package io.ludus.replay.store;

import java.time.Instant;

/**
 * Where a stored replay lives and what it is: the store-relative {@code key}, its size, the
 * lowercase hex SHA-256 of its bytes (the value that travels in result events and ETags), and
 * when it was first stored.
 */
public record ReplayRef(String matchId, String key, long sizeBytes, String sha256, Instant storedAt) {}
