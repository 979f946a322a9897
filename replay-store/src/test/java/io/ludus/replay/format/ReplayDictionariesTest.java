package io.ludus.replay.format;

import com.github.luben.zstd.Zstd;
import io.ludus.replay.format.ReplayFormatException.Reason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayDictionariesTest {

    @Test
    void everyShippedDictionaryIsOnTheClassPathWithItsPinnedHash() throws IOException {
        assertThat(ReplayDictionaries.shipped()).contains(ReplayDictionaries.CURRENT).doesNotContain(ReplayDictionaries.NONE);
        for (int id : ReplayDictionaries.shipped()) {
            // bytes() refuses a resource whose hash is not the pinned one
            byte[] dictionary = ReplayDictionaries.bytes(id);
            assertThat(Zstd.getDictIdFromDict(dictionary)).as("dictionary %d is a trained zstd dictionary", id).isNotZero();
        }
    }

    @Test
    void newReplaysNameTheCurrentDictionaryInTheirPreambleAndReadBack() throws IOException {
        byte[] replay = SyntheticBattle.record("m-dict", 3);

        assertThat(replay[5]).isEqualTo((byte) ReplayFormat.CURRENT_VERSION);
        assertThat(replay[6]).isEqualTo((byte) ReplayDictionaries.CURRENT);
        RecordingSink sink = new RecordingSink();
        try (ReplayReader reader = ReplayReader.open(new ByteArrayInputStream(replay))) {
            assertThat(reader.formatVersion()).isEqualTo(2);
            reader.readAll(sink);
        }
        RecordingSink played = new RecordingSink();
        SyntheticBattle.play(3, played);
        assertThat(sink.lines).isEqualTo(played.lines);
    }

    @Test
    void dictionaryMakesTheSameReplaySmallerThanTheSameLevelWithout() throws IOException {
        byte[] withDictionary = record(ReplayCompression.withDictionary(ReplayDictionaries.CURRENT, 1));
        byte[] without = record(ReplayCompression.plain(1));

        assertThat(without[6]).isEqualTo((byte) ReplayDictionaries.NONE);
        assertThat(ReplayReader.summarize(new ByteArrayInputStream(without)).header().matchId()).isEqualTo("m-sizes");
        assertThat(withDictionary.length).isLessThan(without.length);
    }

    @Test
    void replayNamingAnUnknownDictionaryFailsWithUnknownDictionary() {
        byte[] replay = SyntheticBattle.recordUnchecked("m-unknown", 4);
        replay[6] = 99;

        assertThatThrownBy(() -> ReplayReader.open(new ByteArrayInputStream(replay)))
                .isInstanceOfSatisfying(ReplayFormatException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_DICTIONARY));
    }

    @Test
    void replayDecodedWithAnotherDictionaryFailsRatherThanReadingWrongFrames() {
        byte[] replay = SyntheticBattle.recordUnchecked("m-other", 5);
        replay[6] = ReplayDictionaries.NONE;

        assertThatThrownBy(() -> ReplayReader.summarize(new ByteArrayInputStream(replay)))
                .isInstanceOfSatisfying(ReplayFormatException.class,
                        e -> assertThat(e.reason()).isIn(Reason.MALFORMED, Reason.CHECKSUM_MISMATCH));
    }

    @Test
    void writerRefusesADictionaryItDoesNotShip() {
        assertThatThrownBy(() -> ReplayCompression.withDictionary(99, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
    }

    private static byte[] record(ReplayCompression compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReplayWriter writer = new ReplayWriter(out, SyntheticBattle.header("m-sizes"), compression)) {
            SyntheticBattle.play(6, writer);
        }
        return out.toByteArray();
    }
}
