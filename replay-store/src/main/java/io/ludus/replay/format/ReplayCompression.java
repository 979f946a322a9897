package io.ludus.replay.format;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDictCompress;

/**
 * How a {@link ReplayWriter} compresses a replay body: zstd at a level, with one of the shipped
 * {@link ReplayDictionaries} or none. Contexts are per thread and reused.
 */
public final class ReplayCompression {

    private final int dictionaryId;
    private final int level;
    private final ThreadLocal<ZstdCompressCtx> contexts;

    private ReplayCompression(int dictionaryId, int level, ZstdDictCompress dictionary) {
        this.dictionaryId = dictionaryId;
        this.level = level;
        this.contexts = ThreadLocal.withInitial(() -> {
            ZstdCompressCtx ctx = new ZstdCompressCtx().setLevel(level).setWindowLog(ReplayFormat.WINDOW_LOG)
                    .setContentSize(true)
                    // the replay's preamble names the dictionary; zstd's own 4-byte id would repeat it
                    .setDictID(false);
            if (dictionary != null) {
                ctx.loadDict(dictionary);
            }
            return ctx;
        });
    }

    /** What new replays are written with: the current dictionary at {@link Standard#LEVEL}. */
    public static ReplayCompression standard() {
        return Standard.INSTANCE;
    }

    /** @throws IllegalArgumentException if {@code dictionaryId} is not a shipped dictionary */
    public static ReplayCompression withDictionary(int dictionaryId, int level) {
        try {
            return new ReplayCompression(dictionaryId, level, ReplayDictionaries.forCompression(dictionaryId, level));
        } catch (ReplayFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static ReplayCompression plain(int level) {
        return new ReplayCompression(ReplayDictionaries.NONE, level, null);
    }

    public int dictionaryId() {
        return dictionaryId;
    }

    public int level() {
        return level;
    }

    byte[] compress(byte[] body, int length) {
        return contexts.get().compress(java.util.Arrays.copyOf(body, length));
    }

    @Override
    public String toString() {
        return dictionaryId == ReplayDictionaries.NONE ? "zstd " + level : "zstd " + level + " + dictionary " + dictionaryId;
    }

    /** Loaded on first use, so that writing without a dictionary never needs one. */
    private static final class Standard {
        /**
         * The dictionary saves about 6% over level 1 alone at no recording cost; higher levels cost more recording
         * speed than they save. Measured in ReplayStoreBenchmark (docs/benchmarks.md).
         */
        static final int LEVEL = 1;
        static final ReplayCompression INSTANCE = withDictionary(ReplayDictionaries.CURRENT, LEVEL);
    }
}
