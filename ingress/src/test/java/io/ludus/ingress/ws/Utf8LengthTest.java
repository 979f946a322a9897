package io.ludus.ingress.ws;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8LengthTest {

    @Test
    void matchesTheEncodedLengthForEveryWidth() {
        for (String text : new String[] {"", "plain ascii", "é and ß", "日本語", "emoji 😀 and 🎲", "mixed ü日😀x"}) {
            assertThat(CommandSocket.utf8Length(text)).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
