package io.ludus.ingress.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Body of {@code POST /v1/auth/steam}: the hex session ticket from GetAuthTicketForWebApi. */
@Serdeable
public record SteamCredentials(@Nullable String ticket) {}
