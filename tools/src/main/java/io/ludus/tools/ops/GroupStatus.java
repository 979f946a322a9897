package io.ludus.tools.ops;

/** Burrow's partition verdicts, least to most severe; a group takes its worst partition's. */
public enum GroupStatus {
    /** Caught up at some point in the window, or consuming faster than records arrive. */
    OK,
    /** Committing, but the lag grew or held in every interval: falling behind. */
    WARN,
    /** The committed offset went backwards: someone reset it, or a consumer replays. */
    REWIND,
    /** Members are present, the lag is not zero, and the committed offset did not move in the whole window. */
    STALL,
    /** No members, and records wait: nobody is consuming. */
    STOP
}
