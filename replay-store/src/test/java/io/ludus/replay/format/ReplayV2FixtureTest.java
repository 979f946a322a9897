package io.ludus.replay.format;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a replay frozen as format version 2 with dictionary 1 on 2026-12-02: the same battle as the v1 engine
 * fixture (RandomLoadouts seed 7, 3v3). Never regenerate it: it proves dictionary 1 still decodes what it encoded.
 */
class ReplayV2FixtureTest {

    @Test
    void readsFrozenV2ReplayCompressedWithDictionaryOne() throws IOException {
        List<String> expected;
        try (InputStream listing = resource("/fixtures/v1/engine-2026-12-02.events.txt")) {
            expected = new String(listing.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        RecordingSink sink = new RecordingSink();
        try (InputStream file = resource("/fixtures/v2/engine-dictionary1-2026-12-02.ludr")) {
            byte[] bytes = file.readAllBytes();
            assertThat(bytes[6]).as("dictionary id").isEqualTo((byte) 1);
            try (ReplayReader reader = ReplayReader.open(new java.io.ByteArrayInputStream(bytes))) {
                assertThat(reader.formatVersion()).isEqualTo(2);
                assertThat(reader.header().matchId()).isEqualTo("fixture-v2-engine");
                reader.readAll(sink);
            }
        }
        assertThat(sink.lines).isEqualTo(expected);
    }

    private static InputStream resource(String name) {
        InputStream in = ReplayV2FixtureTest.class.getResourceAsStream(name);
        assertThat(in).as("fixture " + name).isNotNull();
        return in;
    }
}
