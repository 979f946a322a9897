package io.ludus.tools.cli;

/** A failure the user can act on: printed as one line on stderr, and the process exits with {@link #exitCode()}. */
public class ToolException extends RuntimeException {

    private final ExitCode exitCode;

    public ToolException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public ToolException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
