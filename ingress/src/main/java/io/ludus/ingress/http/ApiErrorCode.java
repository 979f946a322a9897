package io.ludus.ingress.http;

import io.micronaut.http.HttpStatus;

/** The {@code code} of every HTTP error body ingress returns, with the status it goes with. */
public enum ApiErrorCode {
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST),
    INVALID_NAME(HttpStatus.BAD_REQUEST),
    LOOPBACK_ONLY(HttpStatus.FORBIDDEN),
    INVALID_REFRESH_TOKEN(HttpStatus.UNAUTHORIZED),
    REFRESH_TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED),
    REFRESH_TOKEN_REUSED(HttpStatus.UNAUTHORIZED),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    ApiErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
