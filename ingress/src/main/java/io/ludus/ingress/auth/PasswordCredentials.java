package io.ludus.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST /v1/auth/register} and {@code POST /v1/auth/password}. */
@Serdeable
public record PasswordCredentials(@Nullable String name, @Nullable String password) {}
