package io.ludus.outbox;

/** The relay could not start or stopped because of a failure. */
public final class OutboxRelayException extends RuntimeException {

    public OutboxRelayException(String message, Throwable cause) {
        super(message, cause);
    }
}
