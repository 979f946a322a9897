package io.ludus.ingress.http;

import java.time.Duration;
import java.util.Optional;

/** A request that ingress refuses with a typed error; {@code retryAfter} becomes the Retry-After header. */
public class ApiException extends RuntimeException {

    private final ApiErrorCode code;
    private final Duration retryAfter;

    public ApiException(ApiErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ApiErrorCode code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public ApiErrorCode code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
