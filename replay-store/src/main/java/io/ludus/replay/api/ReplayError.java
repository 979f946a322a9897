package io.ludus.replay.api;

import io.micronaut.serde.annotation.Serdeable;

/** Error body of the replay API: a stable code plus a message for humans. */
@Serdeable
public record ReplayError(Code code, String message) {

    public enum Code { UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID_MATCH_ID, RANGE_NOT_SATISFIABLE, REPLAY_CORRUPT, STORE_UNAVAILABLE }
}
