package io.ludus.projections.social.friendship;

import java.util.Objects;

/**
 * The relationship of one unordered pair: {@code low} sorts before {@code high}. Blocks are per direction and
 * independent of the friendship status; while either block stands the status is {@link Status#NONE}.
 * The last applied command id of each side makes a resent command a no-op.
 */
public record PairState(String low, String high, Status status, String requesterId,
                        boolean lowBlocksHigh, boolean highBlocksLow,
                        String lowLastCommandId, String highLastCommandId) {

    public enum Status { NONE, PENDING, FRIENDS }

    public PairState {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(status, "status");
        if (low.compareTo(high) > 0) {
            throw new IllegalArgumentException("low must sort before high: " + low + ", " + high);
        }
        if ((status == Status.PENDING) != (requesterId != null)) {
            throw new IllegalArgumentException("a requester is named exactly when a request is pending");
        }
        if (requesterId != null && !requesterId.equals(low) && !requesterId.equals(high)) {
            throw new IllegalArgumentException("requester " + requesterId + " is not in the pair " + low + "|" + high);
        }
    }

    /** The state of a pair that never interacted. */
    public static PairState empty(String a, String b) {
        return a.compareTo(b) <= 0
                ? new PairState(a, b, Status.NONE, null, false, false, null, null)
                : new PairState(b, a, Status.NONE, null, false, false, null, null);
    }

    public boolean isEmpty() {
        return status == Status.NONE && !lowBlocksHigh && !highBlocksLow;
    }

    public boolean blocks(String blockerId) {
        return blockerId.equals(low) ? lowBlocksHigh : highBlocksLow;
    }

    public boolean blockedEitherWay() {
        return lowBlocksHigh || highBlocksLow;
    }

    public boolean pendingFrom(String playerId) {
        return status == Status.PENDING && requesterId.equals(playerId);
    }

    public String lastCommandIdOf(String playerId) {
        return playerId.equals(low) ? lowLastCommandId : highLastCommandId;
    }

    PairState withStatus(Status newStatus, String newRequesterId) {
        return new PairState(low, high, newStatus, newRequesterId, lowBlocksHigh, highBlocksLow, lowLastCommandId, highLastCommandId);
    }

    PairState withBlock(String blockerId, boolean blocked) {
        return blockerId.equals(low)
                ? new PairState(low, high, status, requesterId, blocked, highBlocksLow, lowLastCommandId, highLastCommandId)
                : new PairState(low, high, status, requesterId, lowBlocksHigh, blocked, lowLastCommandId, highLastCommandId);
    }

    PairState withLastCommand(String playerId, String commandId) {
        return playerId.equals(low)
                ? new PairState(low, high, status, requesterId, lowBlocksHigh, highBlocksLow, commandId, highLastCommandId)
                : new PairState(low, high, status, requesterId, lowBlocksHigh, highBlocksLow, lowLastCommandId, commandId);
    }
}
