package io.ludus.ingress.ws;

/** The {@code code} of a WebSocket error frame. Append only: clients switch on these. */
public enum ErrorCode {
    /** Not a JSON object, or {@code id}/{@code type} missing or not strings. */
    MALFORMED_FRAME,
    /** {@code type} names no command this server knows. */
    UNKNOWN_TYPE,
    /** The frame is larger than {@code ludus.ingress.max-frame-bytes}. */
    FRAME_TOO_LARGE,
    /** The command's fields are missing, of the wrong type, out of range or too long. */
    INVALID_COMMAND,
    /** The team does not fit the game content (unknown class, ability not allowed, too many units, ...). */
    INVALID_LOADOUT,
    /** Too many frames, or too many commands still waiting for Kafka, on this connection. */
    RATE_LIMITED,
    /** Kafka did not confirm the command in time: it may or may not take effect; retrying is safe for queue commands. */
    UNAVAILABLE,
    /** A bug on the server; the command was not accepted. */
    INTERNAL,
    /** A query this server cannot answer yet (its read model is not deployed or not configured). */
    NOT_AVAILABLE,
    /** A query about something that does not exist, or that this player may not see. */
    NOT_FOUND,
    /** The upgrade's {@code after} is not a seq (a whole number >= 0); notifications start live instead. */
    INVALID_RESUME,
    /**
     * Notifications after the client's seq are gone (past retention, or unreadable in time): rebuild state from
     * the query API; the frame's {@code resumesAfter} is the seq the stream continues after.
     */
    RESYNC_REQUIRED
}
