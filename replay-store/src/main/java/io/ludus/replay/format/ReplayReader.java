package io.ludus.replay.format;

import com.github.luben.zstd.ZstdDictDecompress;
import io.ludus.replay.format.ReplayFormatException.Reason;
import io.ludus.sim.BattleEventSink;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Streams a replay of any known format version back into a {@link BattleEventSink}, one frame
 * at a time, in bounded memory. {@code end} reaches the sink only after the checksum has been
 * verified, so a sink may treat it as "everything before me was genuine". Failures are
 * {@link ReplayFormatException}s; plain {@link IOException}s come from the source stream.
 */
public final class ReplayReader implements AutoCloseable {

    private final int formatVersion;
    private final FrameDecoder decoder;
    private long frames;
    private ReplayEnd end;

    private ReplayReader(int formatVersion, FrameDecoder decoder) {
        this.formatVersion = formatVersion;
        this.decoder = decoder;
    }

    /** Reads the preamble and header. The reader owns {@code in} from here on and closes it. */
    public static ReplayReader open(InputStream in) throws IOException {
        try {
            byte[] preamble = in.readNBytes(ReplayFormat.MAGIC.length + 2);
            int magicBytes = Math.min(preamble.length, ReplayFormat.MAGIC.length);
            if (!Arrays.equals(preamble, 0, magicBytes, ReplayFormat.MAGIC, 0, magicBytes)) {
                throw new ReplayFormatException(Reason.BAD_MAGIC, "not a replay file");
            }
            if (preamble.length < ReplayFormat.MAGIC.length + 2) {
                throw new ReplayFormatException(Reason.TRUNCATED, "preamble has " + preamble.length + " bytes");
            }
            int version = (preamble[4] & 0xFF) << 8 | preamble[5] & 0xFF;
            FrameDecoder decoder = switch (version) {
                case 1 -> new V1Decoder(new BodyInput(in, null));
                case 2 -> new V1Decoder(new BodyInput(in, dictionary(in)));
                default -> throw new ReplayFormatException(Reason.UNSUPPORTED_VERSION, "format version " + version);
            };
            return new ReplayReader(version, decoder);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Reads the v2 preamble's dictionary id (a varint); null for none. */
    private static ZstdDictDecompress dictionary(InputStream in) throws IOException {
        int id = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new ReplayFormatException(Reason.TRUNCATED, "preamble ends inside the dictionary id");
            }
            if (shift == 28 && (b & 0xF0) != 0) {
                throw new ReplayFormatException(Reason.MALFORMED, "dictionary id longer than 32 bits");
            }
            id |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return id == ReplayDictionaries.NONE ? null : ReplayDictionaries.forDecompression(id);
    }

    /** Reads a whole replay without keeping its frames. */
    public static ReplaySummary summarize(InputStream in) throws IOException {
        try (ReplayReader reader = open(in)) {
            ReplayEnd end = reader.readAll(BattleEventSink.NONE);
            return new ReplaySummary(reader.formatVersion(), reader.header(), end.outcome(), end.ticks(), reader.frames());
        }
    }

    public int formatVersion() {
        return formatVersion;
    }

    public ReplayHeader header() {
        return decoder.header();
    }

    /** Emits the next frame; false once the end frame has been emitted. */
    public boolean next(BattleEventSink sink) throws IOException {
        if (end != null) {
            return false;
        }
        end = decoder.next(sink);
        frames++;
        return true;
    }

    /** Emits every remaining frame and returns the verified end. */
    public ReplayEnd readAll(BattleEventSink sink) throws IOException {
        while (next(sink)) {
            // frames go to the sink
        }
        return end;
    }

    /** Frames emitted so far, the end frame included. */
    public long frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        decoder.close();
    }
}
