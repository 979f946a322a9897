package io.ludus.replay.store;

import io.ludus.replay.store.ReplayStoreException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Key layout, validation and hashing shared by the store implementations. */
final class StoreSupport {

    static final String EXTENSION = ".ludr";
    private static final Pattern MATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private StoreSupport() {}

    static String requireValidMatchId(String matchId) {
        if (matchId == null || !MATCH_ID.matcher(matchId).matches()) {
            throw new ReplayStoreException(Reason.INVALID_MATCH_ID, String.valueOf(matchId), "must be 1-128 of [A-Za-z0-9_-]");
        }
        return matchId;
    }

    /** "ab/cd/matchId.ludr": two levels of fan-out from the hash of the id, so ids with a common prefix spread out. */
    static String keyOf(String matchId) {
        String h = sha256Hex(matchId.getBytes(StandardCharsets.UTF_8));
        return h.substring(0, 2) + "/" + h.substring(2, 4) + "/" + matchId + EXTENSION;
    }

    static String matchIdOfFileName(String fileName) {
        return fileName.endsWith(EXTENSION) ? fileName.substring(0, fileName.length() - EXTENSION.length()) : null;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** Reads all of {@code in}, failing with TOO_LARGE past {@code maxBytes}. */
    static byte[] readBounded(String matchId, InputStream in, long maxBytes) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new ReplayStoreException(Reason.TOO_LARGE, matchId, "replay exceeds " + maxBytes + " bytes");
        }
        return bytes;
    }
}
