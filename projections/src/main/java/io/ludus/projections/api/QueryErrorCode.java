package io.ludus.projections.api;

import io.micronaut.http.HttpStatus;

/** Typed errors of the query API; the body is {@code {"code": ..., "message": ...}}. */
public enum QueryErrorCode {
    NOT_FOUND(HttpStatus.NOT_FOUND),
    NOT_ON_BOARD(HttpStatus.NOT_FOUND),
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST),
    INVALID_CURSOR(HttpStatus.BAD_REQUEST),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    QueryErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
