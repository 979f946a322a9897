package io.ludus.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST /v1/auth/offline}: the name is the whole identity. */
@Serdeable
public record OfflineCredentials(@Nullable String name) {}
