package io.ludus.replay.format;

import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.ludus.replay.format.ReplayFormatException.Reason;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The decompressed body of a replay, read through a fixed buffer. Tracks the CRC32C of the bytes
 * consumed so far and refuses to decompress more than {@link ReplayFormat#MAX_BODY_BYTES}.
 */
final class BodyInput implements AutoCloseable {

    private final EofTrackingStream raw;
    private final ZstdInputStreamNoFinalizer zstd;
    private final CRC32C crc = new CRC32C();
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private int crcMark;
    private long consumedBefore;

    /** {@code dictionary} is null for a body compressed without one. */
    BodyInput(InputStream compressed, ZstdDictDecompress dictionary) throws IOException {
        this.raw = new EofTrackingStream(compressed);
        this.zstd = new ZstdInputStreamNoFinalizer(raw);
        zstd.setLongMax(ReplayFormat.WINDOW_LOG);
        if (dictionary != null) {
            zstd.setDict(dictionary);
        }
    }

    int readByte() throws IOException {
        if (pos == limit && !fill()) {
            throw new ReplayFormatException(Reason.TRUNCATED, "body ends after " + consumedBefore + " bytes");
        }
        return buf[pos++] & 0xFF;
    }

    int readVarint() throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new ReplayFormatException(Reason.MALFORMED, "varint longer than 5 bytes");
    }

    int readZigzag() throws IOException {
        int v = readVarint();
        return (v >>> 1) ^ -(v & 1);
    }

    int readCount(int max, String what) throws IOException {
        int n = readVarint();
        if (n < 0 || n > max) {
            throw new ReplayFormatException(Reason.LIMIT_EXCEEDED, what + " count " + Integer.toUnsignedString(n) + " exceeds " + max);
        }
        return n;
    }

    String readString(String what) throws IOException {
        int n = readVarint();
        if (n < 0 || n > ReplayFormat.MAX_STRING_BYTES) {
            throw new ReplayFormatException(Reason.LIMIT_EXCEEDED,
                    what + " length " + Integer.toUnsignedString(n) + " exceeds " + ReplayFormat.MAX_STRING_BYTES);
        }
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) readByte();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    long readLong() throws IOException {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | readByte();
        }
        return v;
    }

    /** CRC32C of every body byte consumed so far. */
    int checksumSoFar() {
        crc.update(buf, crcMark, pos - crcMark);
        crcMark = pos;
        return (int) crc.getValue();
    }

    boolean atEnd() throws IOException {
        return pos == limit && !fill();
    }

    private boolean fill() throws IOException {
        crc.update(buf, crcMark, limit - crcMark);
        consumedBefore += limit;
        pos = limit = crcMark = 0;
        if (consumedBefore >= ReplayFormat.MAX_BODY_BYTES) {
            throw new ReplayFormatException(Reason.LIMIT_EXCEEDED, "body exceeds " + ReplayFormat.MAX_BODY_BYTES + " bytes");
        }
        int n;
        try {
            n = zstd.read(buf, 0, (int) Math.min(buf.length, ReplayFormat.MAX_BODY_BYTES - consumedBefore));
        } catch (ZstdIOException e) {
            throw raw.sawEof
                    ? new ReplayFormatException(Reason.TRUNCATED, "compressed stream ends early", e)
                    : new ReplayFormatException(Reason.MALFORMED, "undecodable compressed stream", e);
        }
        if (n <= 0) {
            return false;
        }
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        zstd.close();
    }

    private static final class EofTrackingStream extends FilterInputStream {
        boolean sawEof;

        EofTrackingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            sawEof |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            sawEof |= n < 0;
            return n;
        }
    }
}
