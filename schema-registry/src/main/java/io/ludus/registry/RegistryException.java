package io.ludus.registry;

/** A request the registry refuses; carries the Confluent error code that goes into the response body. */
final class RegistryException extends RuntimeException {
    private final ErrorCode errorCode;

    RegistryException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    RegistryException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    ErrorCode errorCode() {
        return errorCode;
    }
}
