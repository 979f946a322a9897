package io.ludus.replay.format;

import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import io.ludus.replay.format.ReplayFormatException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The zstd dictionaries shipped for replays, as resources {@code dictionaries/replay-<id>.zdict} beside this class.
 * A v2 replay names its dictionary by id, so every id ever shipped stays here for good; a retrained dictionary
 * (ReplayDictionaryTrainer) gets the next id and becomes {@link #CURRENT}.
 */
public final class ReplayDictionaries {

    /** Id 0 in a replay means its body is compressed without a dictionary. */
    public static final int NONE = 0;
    /** The dictionary new replays are written with. */
    public static final int CURRENT = 1;

    /**
     * Id → SHA-256 of the resource. Append only: an id's bytes never change, since replays written with it
     * decode only with exactly those bytes; loading checks the hash.
     */
    private static final Map<Integer, String> SHIPPED = Map.of(
            1, "341c043e59783c1306ccd6275d7f5d31fd6f8234a014d54ee375e786663eb9df");

    private static final Map<Integer, byte[]> BYTES = new ConcurrentHashMap<>();
    private static final Map<Integer, ZstdDictDecompress> DECOMPRESS = new ConcurrentHashMap<>();

    private ReplayDictionaries() {}

    public static Set<Integer> shipped() {
        return SHIPPED.keySet();
    }

    /** The dictionary's bytes, as shipped. */
    public static byte[] bytes(int id) throws ReplayFormatException {
        if (!SHIPPED.containsKey(id)) {
            throw new ReplayFormatException(Reason.UNKNOWN_DICTIONARY, "dictionary " + Integer.toUnsignedString(id)
                    + " is not one of the shipped " + SHIPPED.keySet());
        }
        return BYTES.computeIfAbsent(id, ReplayDictionaries::load).clone();
    }

    static ZstdDictDecompress forDecompression(int id) throws ReplayFormatException {
        byte[] bytes = bytes(id);
        return DECOMPRESS.computeIfAbsent(id, ignored -> new ZstdDictDecompress(bytes));
    }

    static ZstdDictCompress forCompression(int id, int level) throws ReplayFormatException {
        return new ZstdDictCompress(bytes(id), level);
    }

    static String resourceName(int id) {
        return "dictionaries/replay-" + id + ".zdict";
    }

    private static byte[] load(int id) {
        byte[] bytes;
        try (InputStream in = ReplayDictionaries.class.getResourceAsStream(resourceName(id))) {
            if (in == null) {
                throw new IllegalStateException("replay dictionary " + id + " is not on the class path: " + resourceName(id));
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read replay dictionary " + id, e);
        }
        String actual = sha256Hex(bytes);
        if (!actual.equals(SHIPPED.get(id))) {
            // a dictionary changed in place would make every replay written with it unreadable
            throw new IllegalStateException("replay dictionary " + id + " hashes to " + actual + ", pinned " + SHIPPED.get(id));
        }
        return bytes;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
