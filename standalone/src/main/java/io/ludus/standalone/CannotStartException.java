package io.ludus.standalone;

/**
 * The server refuses to start because of something the host can fix (a taken port, a full disk);
 * the message is one line saying what and how, and {@link #exitCode} is the documented status.
 */
public final class CannotStartException extends RuntimeException {
    private final ExitCode exitCode;

    public CannotStartException(ExitCode exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
