package io.ludus.projections.rebuild;

/** A rebuild that cannot start or finish, with a code the CLI maps to its exit status. */
public final class RebuildException extends RuntimeException {

    public enum Code { UNKNOWN_PROJECTION, ALREADY_RUNNING, BAD_CONFIGURATION }

    private final Code code;

    public RebuildException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
