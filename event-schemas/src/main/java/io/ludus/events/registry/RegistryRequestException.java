package io.ludus.events.registry;

/** Any other error answer, e.g. 42201 (invalid schema); carries the registry's status and error code. */
public final class RegistryRequestException extends SchemaRegistryException {

    private final int httpStatus;
    private final int errorCode;

    RegistryRequestException(int httpStatus, int errorCode, String message) {
        super("schema registry refused the request (HTTP " + httpStatus + ", error " + errorCode + "): " + message, null);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }
}
