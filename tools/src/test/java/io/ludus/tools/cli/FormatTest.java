package io.ludus.tools.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {

    @Test
    void compactsPartitionsAndTasksIntoRanges() {
        assertThat(Format.list(List.of("t-0", "t-1", "t-2", "t-5", "u-3"))).isEqualTo("t-[0-2,5],u-3");
        assertThat(Format.list(List.of("0_10", "0_2", "0_3", "1_0"))).isEqualTo("0_[2-3,10],1_0");
        assertThat(Format.list(List.of("0_1(standby)"))).isEqualTo("0_1(standby)");
        assertThat(Format.list(List.of())).isEqualTo("(none)");
        assertThat(Format.list(null)).isEqualTo("-");
    }

    @Test
    void rendersDurationsAndSizesShort() {
        assertThat(Format.millis(850L)).isEqualTo("850ms");
        assertThat(Format.millis(12_400L)).isEqualTo("12.4s");
        assertThat(Format.millis(303_000L)).isEqualTo("5m03s");
        assertThat(Format.millis(null)).isEqualTo("-");
        assertThat(Format.bytes(1536)).isEqualTo("1.5 KiB");
    }
}
