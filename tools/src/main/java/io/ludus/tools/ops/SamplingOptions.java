package io.ludus.tools.ops;

import io.ludus.tools.cli.DurationConverter;
import io.ludus.tools.cli.InvalidOptionException;
import picocli.CommandLine.Option;

import java.time.Duration;

/** How many offset samples the status rules get, and how far apart. */
final class SamplingOptions {

    @Option(names = "--samples", paramLabel = "N", defaultValue = "3",
            description = "Offset samples in the status window (default: ${DEFAULT-VALUE}); 1 is fastest but can only tell OK from STOP.")
    int samples;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Time between samples (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--isolation", paramLabel = "LEVEL", defaultValue = "read_committed",
            description = "Isolation of the lag probe: read_committed (default; aborted records and markers are not lag) or read_uncommitted.")
    String isolation;

    void validate() {
        if (samples < 1) {
            throw new InvalidOptionException("--samples", "must be at least 1, was " + samples);
        }
        if (!isolation.equals("read_committed") && !isolation.equals("read_uncommitted")) {
            throw new InvalidOptionException("--isolation", "must be read_committed or read_uncommitted, was " + isolation);
        }
    }
}
