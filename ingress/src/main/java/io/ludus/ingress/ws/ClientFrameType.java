package io.ludus.ingress.ws;

import java.util.Optional;

/** The {@code type} of a client frame. */
public enum ClientFrameType {
    QUEUE_JOIN("queue.join"),
    QUEUE_LEAVE("queue.leave");

    private final String wireName;

    ClientFrameType(String wireName) {
        this.wireName = wireName;
    }

    static Optional<ClientFrameType> fromWire(String type) {
        for (ClientFrameType candidate : values()) {
            if (candidate.wireName.equals(type)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
