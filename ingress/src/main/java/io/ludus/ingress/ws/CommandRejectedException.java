package io.ludus.ingress.ws;

import java.util.List;

/** A frame refused before anything was produced. */
public class CommandRejectedException extends Exception {

    private final ErrorCode code;
    private final List<RejectionDetail> details;

    public CommandRejectedException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public CommandRejectedException(ErrorCode code, String message, List<RejectionDetail> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public List<RejectionDetail> details() {
        return details;
    }
}
