package io.ludus.projections.rebuild;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressPrinterTest {

    @Test
    void aLineSaysRecordsDoneOfTotalTheRateAndTheTimeLeft() {
        String line = ProgressPrinter.line(new Rebuilder.Progress("stats", 250_000, 1_000_000, Duration.ofSeconds(25), false));
        assertThat(line).isEqualTo("rebuild stats: 250,000 of 1,000,000 records (25%), 10,000 records/s, about 1m15s left");
    }

    @Test
    void printsAtMostOnceAPeriodAndAnnouncesTheSwapOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofHours(1));
        printer.onProgress(new Rebuilder.Progress("stats", 10, 100, Duration.ofSeconds(1), false));
        printer.onProgress(new Rebuilder.Progress("stats", 20, 100, Duration.ofSeconds(2), false));
        printer.onProgress(new Rebuilder.Progress("stats", 100, 104, Duration.ofSeconds(9), true));
        printer.onProgress(new Rebuilder.Progress("stats", 102, 104, Duration.ofSeconds(9), true));
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "rebuild stats: 10 of 100 records (10%), 10 records/s, about 9s left",
                "rebuild stats: caught up; applying the last 4 records under the swap lock");
    }
}
