package io.ludus.ingress.ws;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The frames the server sends in reply to a client frame. */
final class ServerFrames {

    private ServerFrames() {}

    @Serdeable
    record Ack(String type, String id) {
        Ack(String id) {
            this("ack", id);
        }
    }

    /** {@code id} is null when the frame's id could not be read; {@code details} only comes with INVALID_LOADOUT. */
    @Serdeable
    record Error(String type, @Nullable String id, ErrorCode code, String message, @Nullable List<RejectionDetail> details) {
        Error(@Nullable String id, CommandRejectedException rejection) {
            this("error", id, rejection.code(), rejection.getMessage(), rejection.details().isEmpty() ? null : rejection.details());
        }
    }
}
