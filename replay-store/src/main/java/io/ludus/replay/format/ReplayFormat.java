package io.ludus.replay.format;

/** Constants shared by every format version; see replay-store/README.md for the layout. */
public final class ReplayFormat {

    /** 0x89 keeps text tools from mistaking a replay for text; "LRP" names it. */
    static final byte[] MAGIC = {(byte) 0x89, 'L', 'R', 'P'};
    /** 1: body in one zstd frame; 2: the same body, compressed with the dictionary the preamble names. */
    public static final int CURRENT_VERSION = 2;

    /** Reader limits: a hostile file cannot make a reader allocate or loop beyond these. */
    public static final int MAX_STRING_BYTES = 256;
    public static final int MAX_UNITS_PER_TEAM = 32;
    public static final int MAX_ABILITIES_PER_UNIT = 16;
    public static final int MAX_RULES_PER_LIST = 32;
    /** Unit ids in frames, summons included. */
    public static final int MAX_UNIT_ID = 255;
    public static final long MAX_BODY_BYTES = 64L << 20;
    /** zstd window: 1 MiB, so a decoder never allocates more than that for history. */
    static final int WINDOW_LOG = 20;

    private ReplayFormat() {}
}
