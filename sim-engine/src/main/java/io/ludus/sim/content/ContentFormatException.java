package io.ludus.sim.content;

/** A content pack file that does not parse or is inconsistent. {@code line} is 1-based, 0 for the whole pack. */
public final class ContentFormatException extends RuntimeException {

    public enum Problem {
        UNKNOWN_DIRECTIVE, MISSING_ID, BAD_ID, DUPLICATE_ID, MALFORMED_FIELD, UNKNOWN_KEY, DUPLICATE_KEY,
        MISSING_KEY, BAD_NUMBER, VALUE_OUT_OF_RANGE, BAD_ENUM, UNKNOWN_REFERENCE, INCONSISTENT_ABILITY,
        DUPLICATE_RULES, NO_CLASSES
    }

    private final int line;
    private final Problem problem;
    private final String detail;

    public ContentFormatException(int line, Problem problem, String detail) {
        super("content line " + line + ": " + problem + " (" + detail + ")");
        this.line = line;
        this.problem = problem;
        this.detail = detail;
    }

    public int line() {
        return line;
    }

    public Problem problem() {
        return problem;
    }

    public String detail() {
        return detail;
    }
}
