package io.ludus.embedded;

/** An embedded server could not be started; the message names the server and its data directory. */
public final class EmbeddedStartupException extends RuntimeException {

    public EmbeddedStartupException(String message, Throwable cause) {
        super(message, cause);
    }

    public EmbeddedStartupException(String message) {
        super(message);
    }
}
