package io.ludus.replay.format;

import java.io.IOException;

/** A replay that cannot be read. The reason is the contract; the message is for logs. */
public final class ReplayFormatException extends IOException {

    public enum Reason {
        /** The file does not start with the replay magic bytes. */
        BAD_MAGIC,
        /** A format version this reader does not know. */
        UNSUPPORTED_VERSION,
        /** A replay compressed with a dictionary this reader does not ship. */
        UNKNOWN_DICTIONARY,
        /** The data ends before the replay does. */
        TRUNCATED,
        /** The stored checksum does not match the decompressed body. */
        CHECKSUM_MISMATCH,
        /** Undecodable compression, an unknown record, an out-of-range value or trailing data. */
        MALFORMED,
        /** A string, list or the body exceeds a reader limit. */
        LIMIT_EXCEEDED
    }

    private final Reason reason;

    public ReplayFormatException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public ReplayFormatException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
