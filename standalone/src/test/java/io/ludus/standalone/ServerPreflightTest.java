package io.ludus.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A server that cannot start says why in one line and exits with the documented code, before starting anything. */
@Tag("integration")
@Timeout(180)
class ServerPreflightTest {

    private static final Duration EXIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @Test
    void takenKafkaPortIsOneLineNamingItsFlagAndEnvironmentVariable() throws Exception {
        try (ServerSocket taken = listenOnLoopback()) {
            int port = taken.getLocalPort();
            Path data = tmp.resolve("data");
            Refusal refusal = run(options(data, "--kafka-port", String.valueOf(port)));

            assertThat(refusal.status).isEqualTo(ExitCode.PORT_IN_USE.status());
            assertThat(refusal.line).contains("port " + port).contains("Kafka broker")
                    .contains("--kafka-port").contains("LUDUS_KAFKA_PORT");
            assertThat(data.resolve("kafka")).as("nothing started").doesNotExist();
            assertThat(data.resolve("postgres")).as("nothing started").doesNotExist();
        }
    }

    @Test
    void takenHttpPortOnTheBindAddressNamesHttpPort() throws Exception {
        try (ServerSocket taken = listenOnLoopback()) {
            Refusal refusal = run(options(tmp.resolve("data"), "--http-port", String.valueOf(taken.getLocalPort())));

            assertThat(refusal.status).isEqualTo(ExitCode.PORT_IN_USE.status());
            assertThat(refusal.line).contains("--http-port").contains("LUDUS_HTTP_PORT");
        }
    }

    @Test
    void unwritableDataDirectoryIsOneLineNamingDataDir() throws Exception {
        Path data = unwritableDirectory();
        Refusal refusal = run(options(data));

        assertThat(refusal.status).isEqualTo(ExitCode.DATA_DIR_UNUSABLE.status());
        assertThat(refusal.line).contains(data.toString()).contains("--data-dir").contains("LUDUS_DATA_DIR");
    }

    private record Refusal(int status, String line) {}

    /** Runs the server, expects it to exit by itself, and returns its status and its one stderr line. */
    private Refusal run(List<String> options) throws Exception {
        Path stderr = tmp.resolve("stderr-" + System.nanoTime() + ".log");
        int status;
        try (ServerProcess server = ServerProcess.start(options, stderr)) {
            status = server.awaitExit(EXIT);
            assertThat(server.output()).as("no progress lines: nothing started").noneMatch(l -> l.startsWith("["));
        }
        List<String> lines = Files.readAllLines(stderr).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("one line, no stack trace").hasSize(1);
        assertThat(lines.getFirst()).startsWith("ludus: ");
        return new Refusal(status, lines.getFirst());
    }

    private static List<String> options(Path data, String... more) {
        List<String> options = new java.util.ArrayList<>(List.of("--data-dir", data.toString(), "--http-port", "0",
                "--kafka-port", "0", "--kafka-controller-port", "0", "--registry-port", "0", "--postgres-port", "0"));
        // later occurrences win, so these override the zeros above
        options.addAll(List.of(more));
        return options;
    }

    private static ServerSocket listenOnLoopback() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    // permissions do not stop root; /proc/self is a directory nobody can create files in
    private Path unwritableDirectory() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        return Files.isWritable(dir) ? Path.of("/proc/self") : dir;
    }
}
