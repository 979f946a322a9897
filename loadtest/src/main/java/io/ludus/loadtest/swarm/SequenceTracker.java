package io.ludus.loadtest.swarm;

import java.util.BitSet;

/**
 * One player's notification sequence as the client saw it. The server promises 1, 2, 3, … with no gap and each
 * once (docs/protocol.md, "Resume"); this counts every way that promise could break. Not thread-safe: one bot's
 * thread feeds it.
 */
final class SequenceTracker {

    private final BitSet seen = new BitSet();
    private long highest;
    private long duplicates;
    private long outOfOrder;
    private long received;

    /** Records a delivered {@code seq}; returns false when it was already delivered (a duplicate). */
    boolean accept(long seq) {
        if (seq < 1 || seq > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sequence " + seq + " is outside 1.." + Integer.MAX_VALUE);
        }
        received++;
        int i = (int) seq;
        if (seen.get(i)) {
            duplicates++;
            return false;
        }
        seen.set(i);
        if (seq < highest) {
            outOfOrder++;
        } else {
            highest = seq;
        }
        return true;
    }

    /**
     * The server answered RESYNC_REQUIRED: the stream goes on after {@code resumesAfter}. Returns how many
     * notifications that skips, which this client never receives (counted apart from {@link #missed()}).
     */
    long skipTo(long resumesAfter) {
        if (resumesAfter <= highest) {
            return 0;
        }
        long skipped = resumesAfter - highest;
        seen.set((int) highest + 1, (int) resumesAfter + 1); // skipped, not missed: they stay out of missed()
        highest = resumesAfter;
        return skipped;
    }

    /** The seq to resume after: the highest one processed. */
    long resumeAfter() {
        return highest;
    }

    long received() {
        return received;
    }

    /** Sequences below the highest seen that never arrived. */
    long missed() {
        return highest - seen.cardinality();
    }

    long duplicates() {
        return duplicates;
    }

    long outOfOrder() {
        return outOfOrder;
    }
}
