package io.ludus.replay.format;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import io.ludus.replay.format.ReplayFormatException.Reason;
import io.ludus.sim.BattleEventSink;
import io.ludus.sim.Outcome;
import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayFormatTest {

    private static final byte[] PREAMBLE_V1 = {(byte) 0x89, 'L', 'R', 'P', 0, 1};

    @Test
    void readsBackEveryFrameAndTheHeader() throws IOException {
        byte[] replay = SyntheticBattle.record("m-1", 7);
        RecordingSink expected = new RecordingSink();
        SyntheticBattle.play(7, expected);

        RecordingSink actual = new RecordingSink();
        try (ReplayReader reader = ReplayReader.open(new ByteArrayInputStream(replay))) {
            assertThat(reader.formatVersion()).isEqualTo(ReplayFormat.CURRENT_VERSION);
            assertThat(reader.header()).isEqualTo(SyntheticBattle.header("m-1"));
            ReplayEnd end = reader.readAll(actual);
            assertThat(end).isEqualTo(new ReplayEnd(Outcome.TEAM_A_WINS, lastTick(expected)));
        }
        assertThat(actual.lines).isEqualTo(expected.lines);
    }

    @Test
    void summarizesOutcomeTicksAndFrameCount() throws IOException {
        RecordingSink expected = new RecordingSink();
        SyntheticBattle.play(3, expected);

        ReplaySummary summary = ReplayReader.summarize(new ByteArrayInputStream(SyntheticBattle.record("m-2", 3)));

        assertThat(summary.formatVersion()).isEqualTo(ReplayFormat.CURRENT_VERSION);
        assertThat(summary.header().matchId()).isEqualTo("m-2");
        assertThat(summary.outcome()).isEqualTo(Outcome.TEAM_A_WINS);
        assertThat(summary.ticks()).isEqualTo(lastTick(expected));
        assertThat(summary.frames()).isEqualTo(expected.lines.size());
    }

    @Test
    void compressesWellBelowTheRawEventSize() throws IOException {
        byte[] replay = SyntheticBattle.record("m-3", 11);
        int rawTextBytes = String.join("\n", recorded(11)).length();
        assertThat(replay.length).isLessThan(rawTextBytes / 4);
    }

    @Test
    void rejectsWrongMagic() {
        byte[] replay = SyntheticBattle.recordUnchecked("m-4", 1);
        replay[1] = 'X';
        assertReason(replay, Reason.BAD_MAGIC);
        assertReason("hello world".getBytes(StandardCharsets.US_ASCII), Reason.BAD_MAGIC);
    }

    @Test
    void rejectsUnknownFormatVersion() {
        byte[] replay = SyntheticBattle.recordUnchecked("m-5", 1);
        replay[5] = (byte) (ReplayFormat.CURRENT_VERSION + 1);
        assertReason(replay, Reason.UNSUPPORTED_VERSION);
    }

    @Test
    void rejectsTruncationAtAnyPoint() {
        byte[] replay = SyntheticBattle.recordUnchecked("m-6", 1);
        for (int length : new int[] {0, 3, 5, 6, 7, 20, replay.length / 2, replay.length - 5, replay.length - 1}) {
            assertReasonOnFullRead(Arrays.copyOf(replay, length), Reason.TRUNCATED);
        }
    }

    @Test
    void rejectsBodyWhoseChecksumDoesNotMatch() throws IOException {
        byte[] body = body(SyntheticBattle.record("m-7", 1));
        byte[] tampered = replace(body, "player-ann", "player-eve");
        assertReasonOnFullRead(v1File(tampered), Reason.CHECKSUM_MISMATCH);
    }

    @Test
    void rejectsCorruptCompressedData() {
        byte[] replay = SyntheticBattle.recordUnchecked("m-8", 1);
        for (int i = replay.length / 3; i < replay.length / 3 + 16; i++) {
            replay[i] ^= 0x5A;
        }
        assertReasonOnFullRead(replay, Reason.MALFORMED, Reason.CHECKSUM_MISMATCH);
    }

    @Test
    void rejectsTrailingDataAfterTheReplay() {
        byte[] replay = SyntheticBattle.recordUnchecked("m-9", 1);
        byte[] longer = Arrays.copyOf(replay, replay.length + 8);
        assertReasonOnFullRead(longer, Reason.MALFORMED, Reason.TRUNCATED);
    }

    @Test
    void rejectsOverlongStringInHeaderWithoutAllocatingIt() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1); // engine version
        body.write(0xFF); // varint 0x7FFFFFFF: a 2 GiB content version
        body.write(0xFF);
        body.write(0xFF);
        body.write(0xFF);
        body.write(0x07);
        assertReason(v1File(body.toByteArray()), Reason.LIMIT_EXCEEDED);
    }

    @Test
    void rejectsOverlongUnitListInHeader() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1);
        writeString(body, "content-1");
        body.write(new byte[8]);
        writeString(body, "m-10");
        writeString(body, "player-a");
        body.write(ReplayFormat.MAX_UNITS_PER_TEAM + 1);
        assertReason(v1File(body.toByteArray()), Reason.LIMIT_EXCEEDED);
    }

    @Test
    void rejectsUnknownEnumNameInTactics() throws IOException {
        byte[] body = body(SyntheticBattle.record("m-11", 1));
        assertReasonOnFullRead(v1File(replace(body, "ENEMY", "EN3MY")), Reason.MALFORMED);
    }

    @Test
    void rejectsUnknownFrameTag() throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try (ReplayWriter writer = new ReplayWriter(header, SyntheticBattle.header("m-12"))) {
            // header only: no frames
        }
        byte[] body = body(header.toByteArray());
        byte[] withBadFrame = Arrays.copyOf(body, body.length + 1);
        withBadFrame[body.length] = 0x0F;
        assertReasonOnFullRead(v1File(withBadFrame), Reason.MALFORMED);
    }

    @Test
    void rejectsUnitIdsOutsideTheFormatRange() throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try (ReplayWriter writer = new ReplayWriter(header, SyntheticBattle.header("m-13"))) {
            assertThatThrownBy(() -> writer.move(1, 256, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] body = body(header.toByteArray());
        byte[] withBadMove = Arrays.copyOf(body, body.length + 5);
        System.arraycopy(new byte[] {0x12, (byte) 0x80, 0x02, 0, 0}, 0, withBadMove, body.length, 5);
        assertReasonOnFullRead(v1File(withBadMove), Reason.MALFORMED);
    }

    @Test
    void writerRefusesHeaderBeyondLimitsBeforeWritingAnything() {
        UnitLoadout unit = new UnitLoadout("knight", List.of(), new Tactics(List.of(), List.of()));
        TeamLoadout huge = new TeamLoadout("p", Collections.nCopies(ReplayFormat.MAX_UNITS_PER_TEAM + 1, unit));
        ReplayHeader header = new ReplayHeader("m-14", 1, "c", 1, huge, huge);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new ReplayWriter(out, header)).isInstanceOf(IllegalArgumentException.class);
        assertThat(out.size()).isZero();
    }

    @Test
    void replayClosedBeforeEndIsTruncated() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReplayWriter writer = new ReplayWriter(out, SyntheticBattle.header("m-15"))) {
            writer.move(1, 0, 5, 5);
            assertThat(writer.isComplete()).isFalse();
        }
        assertReasonOnFullRead(out.toByteArray(), Reason.TRUNCATED);
    }

    @Test
    void endReachesTheSinkOnlyAfterTheChecksumVerified() throws IOException {
        byte[] tampered = v1File(replace(body(SyntheticBattle.record("m-16", 1)), "player-ann", "player-eve"));
        boolean[] endSeen = {false};
        try (ReplayReader reader = ReplayReader.open(new ByteArrayInputStream(tampered))) {
            assertThatThrownBy(() -> reader.readAll(new BattleEventSink() {
                @Override
                public void end(int tick, int outcome) {
                    endSeen[0] = true;
                }
            })).isInstanceOf(ReplayFormatException.class);
        }
        assertThat(endSeen[0]).isFalse();
    }

    private static List<String> recorded(long seed) {
        RecordingSink sink = new RecordingSink();
        SyntheticBattle.play(seed, sink);
        return sink.lines;
    }

    private static int lastTick(RecordingSink sink) {
        return Integer.parseInt(sink.lines.getLast().split(" ")[1]);
    }

    /** The decompressed body of a current-version replay whose dictionary id fits one byte. */
    static byte[] body(byte[] replay) throws IOException {
        assertThat(replay[5]).isEqualTo((byte) 2);
        int dictionary = replay[6];
        try (ZstdInputStream in = new ZstdInputStream(new ByteArrayInputStream(replay, 7, replay.length - 7))) {
            if (dictionary != ReplayDictionaries.NONE) {
                in.setDict(ReplayDictionaries.bytes(dictionary));
            }
            return in.readAllBytes();
        }
    }

    static byte[] v1File(byte[] body) {
        byte[] compressed = Zstd.compress(body);
        byte[] file = Arrays.copyOf(PREAMBLE_V1, PREAMBLE_V1.length + compressed.length);
        System.arraycopy(compressed, 0, file, PREAMBLE_V1.length, compressed.length);
        return file;
    }

    private static byte[] replace(byte[] body, String from, String to) {
        byte[] needle = from.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + needle.length <= body.length; i++) {
            if (Arrays.equals(body, i, i + needle.length, needle, 0, needle.length)) {
                byte[] copy = body.clone();
                System.arraycopy(to.getBytes(StandardCharsets.US_ASCII), 0, copy, i, needle.length);
                return copy;
            }
        }
        throw new AssertionError(from + " not in body");
    }

    private static void writeString(ByteArrayOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length);
        out.write(bytes);
    }

    private static void assertReason(byte[] file, Reason reason) {
        assertThatThrownBy(() -> ReplayReader.open(new ByteArrayInputStream(file)).close())
                .isInstanceOfSatisfying(ReplayFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static void assertReasonOnFullRead(byte[] file, Reason... reasons) {
        assertThatThrownBy(() -> ReplayReader.summarize(new ByteArrayInputStream(file)))
                .isInstanceOfSatisfying(ReplayFormatException.class, e -> assertThat(e.reason()).isIn((Object[]) reasons));
    }
}
