package io.ludus.replay.store;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The layout of a replay segment: a 6-byte header ({@code 0x89 "LSG"}, version 1), then batches appended one
 * after another. A batch is a 24-byte head (mark, entry count, index length, data length, CRC32C of index and
 * data), an index block (per replay: match id, stored-at millis, SHA-256, length) and the replays back to back.
 * A scan reads heads and index blocks only, so opening a store does not read the replays.
 */
final class SegmentFile {

    static final String SUFFIX = ".seg";
    static final int HEADER_BYTES = 6;
    private static final byte[] HEADER = {(byte) 0x89, 'L', 'S', 'G', 0, 1};
    private static final int BATCH_MARK = 0x4C424154;
    private static final int BATCH_HEAD_BYTES = 24;
    private static final int MAX_INDEX_BYTES = 16 << 20;

    /** A replay inside a segment: its bytes are {@code length} bytes at {@code offset}. */
    record Entry(String matchId, long storedAtMillis, String sha256, long offset, int length) {}

    /** A replay to append. */
    record Pending(String matchId, long storedAtMillis, String sha256, byte[] bytes) {}

    /**
     * What a scan found from its start: the complete batches' entries, where the last complete batch ends, and
     * whether bytes follow it that are not a complete batch (a crash mid-append, or an append in progress).
     */
    record Scan(List<Entry> entries, long end, boolean tornTail) {}

    private SegmentFile() {}

    static byte[] header() {
        return HEADER.clone();
    }

    /** The bytes of one batch appended at {@code position}, and the entries it will hold. */
    static byte[] encodeBatch(List<Pending> replays, long position, List<Entry> entriesOut) {
        int indexLength = 0;
        long dataLength = 0;
        for (Pending replay : replays) {
            indexLength += 1 + replay.matchId().length() + 8 + 32 + 4;
            dataLength += replay.bytes().length;
        }
        ByteBuffer batch = ByteBuffer.allocate(Math.toIntExact(BATCH_HEAD_BYTES + indexLength + dataLength));
        batch.position(BATCH_HEAD_BYTES);
        long offset = position + BATCH_HEAD_BYTES + indexLength;
        for (Pending replay : replays) {
            byte[] id = replay.matchId().getBytes(StandardCharsets.US_ASCII);
            batch.put((byte) id.length).put(id).putLong(replay.storedAtMillis())
                    .put(HexFormat.of().parseHex(replay.sha256())).putInt(replay.bytes().length);
            entriesOut.add(new Entry(replay.matchId(), replay.storedAtMillis(), replay.sha256(), offset, replay.bytes().length));
            offset += replay.bytes().length;
        }
        for (Pending replay : replays) {
            batch.put(replay.bytes());
        }
        CRC32C crc = new CRC32C();
        crc.update(batch.array(), BATCH_HEAD_BYTES, batch.capacity() - BATCH_HEAD_BYTES);
        batch.position(0);
        batch.putInt(BATCH_MARK).putInt(replays.size()).putInt(indexLength).putLong(dataLength).putInt((int) crc.getValue());
        return batch.array();
    }

    /**
     * Scans the batches from {@code from} (0 or where an earlier scan ended) to {@code size}. Only the last batch
     * is checked against its CRC: a batch is appended only after the one before it was synced, so only the tail
     * can be torn.
     *
     * @throws IOException also when the file does not start with the segment header
     */
    static Scan scan(FileChannel channel, long from, long size) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long position = from;
        if (position == 0) {
            if (size < HEADER_BYTES) {
                return new Scan(entries, 0, size > 0);
            }
            byte[] header = read(channel, 0, HEADER_BYTES);
            if (!Arrays.equals(header, HEADER)) {
                throw new IOException("not a replay segment (header " + HexFormat.of().formatHex(header) + ")");
            }
            position = HEADER_BYTES;
        }
        while (position < size) {
            if (size - position < BATCH_HEAD_BYTES) {
                return new Scan(entries, position, true);
            }
            ByteBuffer head = ByteBuffer.wrap(read(channel, position, BATCH_HEAD_BYTES));
            int mark = head.getInt();
            int count = head.getInt();
            int indexLength = head.getInt();
            long dataLength = head.getLong();
            int crc = head.getInt();
            long end = position + BATCH_HEAD_BYTES + indexLength + dataLength;
            if (mark != BATCH_MARK || count <= 0 || indexLength <= 0 || indexLength > MAX_INDEX_BYTES || dataLength < 0
                    || end > size || end < position) {
                return new Scan(entries, position, true);
            }
            byte[] index = read(channel, position + BATCH_HEAD_BYTES, indexLength);
            if (end == size && !crcMatches(channel, index, position + BATCH_HEAD_BYTES + indexLength, dataLength, crc)) {
                return new Scan(entries, position, true);
            }
            List<Entry> batch = parseIndex(index, count, position + BATCH_HEAD_BYTES + indexLength, dataLength);
            if (batch == null) {
                return new Scan(entries, position, true);
            }
            entries.addAll(batch);
            position = end;
        }
        return new Scan(entries, position, false);
    }

    private static List<Entry> parseIndex(byte[] index, int count, long dataStart, long dataLength) {
        ByteBuffer in = ByteBuffer.wrap(index);
        List<Entry> entries = new ArrayList<>(count);
        long offset = dataStart;
        try {
            for (int i = 0; i < count; i++) {
                byte[] id = new byte[in.get() & 0xFF];
                in.get(id);
                long storedAt = in.getLong();
                byte[] sha = new byte[32];
                in.get(sha);
                int length = in.getInt();
                if (length < 0) {
                    return null;
                }
                entries.add(new Entry(new String(id, StandardCharsets.US_ASCII), storedAt, HexFormat.of().formatHex(sha), offset, length));
                offset += length;
            }
        } catch (java.nio.BufferUnderflowException e) {
            return null;
        }
        return in.hasRemaining() || offset != dataStart + dataLength ? null : entries;
    }

    private static boolean crcMatches(FileChannel channel, byte[] index, long dataStart, long dataLength, int expected) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(index);
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        long position = dataStart;
        long end = dataStart + dataLength;
        while (position < end) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), end - position));
            int n = channel.read(chunk, position);
            if (n < 0) {
                return false;
            }
            crc.update(chunk.array(), 0, n);
            position += n;
        }
        return (int) crc.getValue() == expected;
    }

    static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("segment ends before " + (position + length));
            }
        }
        return buffer.array();
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer, position + buffer.position());
        }
    }
}
