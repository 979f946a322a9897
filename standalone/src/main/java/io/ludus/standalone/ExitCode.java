package io.ludus.standalone;

/** Exit statuses of {@code ./ludus}; each is documented in standalone/README.md. */
public enum ExitCode {
    OK(0, "the command did what it was asked"),
    STARTUP_FAILED(1, "a start-up step failed; the line printed and the log file say which"),
    BAD_CONFIGURATION(2, "an option, environment variable or config-file value is invalid; the message names it"),
    PORT_IN_USE(3, "a port the server must listen on is taken by another program"),
    DATA_DIR_UNUSABLE(4, "the data directory cannot be created or written, or its disk is (nearly) full"),
    DATA_DIR_IN_USE(5, "another running Ludus server holds the data directory"),
    NO_JDK(6, "the launcher found no JDK 25 or newer"),
    NOT_RUNNING(7, "status or stop: no server runs on the data directory"),
    STOP_TIMED_OUT(8, "stop: the server did not exit in time");

    private final int status;
    private final String meaning;

    ExitCode(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    public int status() {
        return status;
    }

    public String meaning() {
        return meaning;
    }
}
