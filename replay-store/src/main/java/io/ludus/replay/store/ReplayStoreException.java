package io.ludus.replay.store;

/** A store operation that failed for a reason the caller can act on. */
public final class ReplayStoreException extends RuntimeException {

    public enum Reason {
        /** The match id is not 1–128 characters of [A-Za-z0-9_-]. */
        INVALID_MATCH_ID,
        NOT_FOUND,
        /** The stored bytes do not hash to the expected (or recorded) SHA-256. */
        HASH_MISMATCH,
        /** The replay exceeds the store's size limit; nothing was written. */
        TOO_LARGE,
        /** The backend failed (disk, network, S3 error). */
        BACKEND
    }

    private final Reason reason;
    private final String matchId;

    public ReplayStoreException(Reason reason, String matchId, String message) {
        this(reason, matchId, message, null);
    }

    public ReplayStoreException(Reason reason, String matchId, String message, Throwable cause) {
        super(reason + " for match " + matchId + ": " + message, cause);
        this.reason = reason;
        this.matchId = matchId;
    }

    public Reason reason() {
        return reason;
    }

    public String matchId() {
        return matchId;
    }
}
