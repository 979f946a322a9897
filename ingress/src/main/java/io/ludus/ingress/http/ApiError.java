package io.ludus.ingress.http;

import io.micronaut.serde.annotation.Serdeable;

/** The JSON body of every HTTP error ingress returns. */
@Serdeable
public record ApiError(ApiErrorCode code, String message) {}
