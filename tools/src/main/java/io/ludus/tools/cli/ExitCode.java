package io.ludus.tools.cli;

/** Process exit codes of every `ludus` tool command; docs/operators.md lists them. */
public enum ExitCode {
    OK(0, "success"),
    FAILURE(1, "unexpected failure (a bug: the message and stack trace go to stderr)"),
    USAGE(2, "bad command line: unknown or missing option, or a value that does not parse; the message names the flag"),
    NOT_FOUND(3, "the named group, topic, member or file does not exist"),
    REFUSED(4, "refused because it is unsafe now, e.g. resetting offsets of a group that still has members"),
    UNAVAILABLE(5, "the broker or the schema registry did not answer in time"),
    BAD_DATA(6, "a record or replay could not be decoded (not the Confluent wire format, an unknown schema id, a damaged replay)"),
    NOT_VERIFIED(7, "replay verify: the re-run diverges from the replay, or this build cannot reproduce it");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
