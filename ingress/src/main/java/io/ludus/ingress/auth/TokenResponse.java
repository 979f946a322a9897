package io.ludus.ingress.auth;

import io.micronaut.serde.annotation.Serdeable;

/** What a successful login or refresh returns. */
@Serdeable
public record TokenResponse(String accessToken, String refreshToken, String playerId) {}
