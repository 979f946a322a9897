package io.ludus.projections.rebuild;

/** A rebuild that cannot start or finish, with a code the CLI maps to its exit status. */
public final class RebuildException extends RuntimeException {

    public enum Code {
        UNKNOWN_PROJECTION, ALREADY_RUNNING, BAD_CONFIGURATION,
        /** A point-in-time rebuild's scratch schema already exists (and replacing it was not asked for). */
        SCHEMA_EXISTS
    }

    private final Code code;

    public RebuildException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
