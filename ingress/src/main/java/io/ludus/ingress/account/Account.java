package io.ludus.ingress.account;

import java.time.Instant;
import java.util.UUID;

/** A player account. Its id is the playerId everywhere else. */
public record Account(UUID id, String name, AuthProvider provider, Instant createdAt) {}
