package io.ludus.replay.format;

/** Record tags of format version 1. Append only: a tag's meaning never changes. */
final class V1 {
    static final int SPAWN = 1;
    static final int MOVE = 2;
    static final int CAST = 3;
    static final int HIT = 4;
    static final int HEAL = 5;
    static final int STATUS = 6;
    static final int DEATH = 7;
    static final int END = 8;

    /** A frame's first byte is tag | (tickDelta << 4); a delta of 15 or more escapes to a varint. */
    static final int TICK_ESCAPE = 15;

    private V1() {}
}
