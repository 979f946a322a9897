package io.ludus.projections.api;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record QueryError(QueryErrorCode code, String message) {
}
