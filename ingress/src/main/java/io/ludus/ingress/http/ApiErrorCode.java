package io.ludus.ingress.http;

import io.micronaut.http.HttpStatus;

/** The {@code code} of every HTTP error body ingress returns, with the status it goes with. Append only. */
public enum ApiErrorCode {
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST),
    INVALID_NAME(HttpStatus.BAD_REQUEST),
    LOOPBACK_ONLY(HttpStatus.FORBIDDEN),
    INVALID_REFRESH_TOKEN(HttpStatus.UNAUTHORIZED),
    REFRESH_TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED),
    REFRESH_TOKEN_REUSED(HttpStatus.UNAUTHORIZED),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    /** This deployment does not offer the login mode of the route (ludus.ingress.auth.modes). */
    LOGIN_MODE_DISABLED(HttpStatus.NOT_FOUND),
    /** The password does not meet the rules (length). */
    INVALID_PASSWORD(HttpStatus.BAD_REQUEST),
    /** Registration: a password account with this name (in any case) exists. */
    NAME_TAKEN(HttpStatus.CONFLICT),
    /** Unknown name or wrong password: the two are not told apart. */
    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED),
    /** Steam did not accept the session ticket. */
    STEAM_TICKET_INVALID(HttpStatus.UNAUTHORIZED),
    /** Steam reports a VAC or publisher ban for this account. */
    STEAM_BANNED(HttpStatus.FORBIDDEN),
    ACCOUNT_BANNED(HttpStatus.FORBIDDEN),
    /** The Steam account does not own the game. */
    STEAM_APP_NOT_OWNED(HttpStatus.FORBIDDEN),
    /** The session was logged out or revoked; log in again. */
    SESSION_REVOKED(HttpStatus.UNAUTHORIZED),
    /** The body is larger than ludus.ingress.auth.max-body-bytes. */
    BODY_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    /** A body without Content-Length (chunked) on an auth route. */
    LENGTH_REQUIRED(HttpStatus.LENGTH_REQUIRED),
    /** The route's upstream service is not configured here (ludus.ingress.queries.replay-api-url unset). */
    NOT_AVAILABLE(HttpStatus.NOT_FOUND);

    private final HttpStatus status;

    ApiErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
