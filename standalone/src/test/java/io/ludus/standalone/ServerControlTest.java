package io.ludus.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ludus status} and {@code ./ludus stop} from another process than the server's, and the
 * data-directory lock that keeps a second server off a running one's data.
 */
@Tag("integration")
@Timeout(420)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerControlTest {

    Path tmp;
    Path dataDir;
    ServerProcess server;

    @BeforeAll
    void startServer(@TempDir Path tmp) throws Exception {
        this.tmp = tmp;
        dataDir = tmp.resolve("data");
        server = ServerProcess.start(dataDir, tmp.resolve("server-stderr.log"));
        server.awaitReady(Duration.ofSeconds(150));
    }

    @AfterAll
    void killServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void statusReportsPidUptimeUrlsHealthAndLogFile() {
        Output status = run(out -> ServerControl.status(dataDir, out));

        assertThat(status.code).isEqualTo(ExitCode.OK);
        assertThat(status.text).contains("Ludus is running on " + dataDir)
                .containsPattern("PID +" + server.pid())
                .contains("uptime")
                .contains(server.url("HTTP API").toString())
                .contains(server.url("WebSocket").toString())
                .containsPattern("health status +UP")
                .contains(dataDir.resolve("logs").toString());
    }

    @Test
    @Order(2)
    void startPrintsWhereItsLogFileIsAndWritesItThere() throws Exception {
        String logLine = server.output().stream().filter(l -> l.startsWith("Logs: ")).findFirst().orElseThrow();
        Path logFile = Path.of(logLine.substring("Logs: ".length()));
        assertThat(logFile.getParent()).isEqualTo(dataDir.resolve("logs"));
        assertThat(Files.readString(logFile)).contains("Ludus is ready").contains("[1/");
    }

    @Test
    @Order(3)
    void secondServerOnTheSameDataDirectoryIsRefusedNamingTheFirst() throws Exception {
        Path stderr = tmp.resolve("second-stderr.log");
        try (ServerProcess second = ServerProcess.start(dataDir, stderr)) {
            assertThat(second.awaitExit(Duration.ofSeconds(90))).isEqualTo(ExitCode.DATA_DIR_IN_USE.status());
        }
        List<String> lines = Files.readAllLines(stderr).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).contains("PID " + server.pid()).contains("./ludus stop");
        assertThat(run(out -> ServerControl.status(dataDir, out)).text).as("the first server is untouched")
                .containsPattern("health status +UP");
    }

    @Test
    @Order(4)
    void stopFromAnotherProcessShutsTheServerDownGracefullyAndWaits() throws Exception {
        Output stop = run(out -> ServerControl.stop(dataDir, out, ServerControl.STOP_TIMEOUT));

        assertThat(stop.code).isEqualTo(ExitCode.OK);
        assertThat(stop.text).contains("Stopping Ludus (PID " + server.pid() + ")").contains("Ludus stopped in");
        // stop returned only once the process had exited; 143 = 128 + SIGTERM after the shutdown hook ran
        assertThat(server.awaitExit(Duration.ofSeconds(1))).isEqualTo(143);
        assertThat(server.output()).contains("Ludus stopped.");
    }

    @Test
    @Order(5)
    void statusAndStopSayNothingRunsOnceItHasStopped() {
        Output status = run(out -> ServerControl.status(dataDir, out));
        assertThat(status.code).isEqualTo(ExitCode.NOT_RUNNING);
        assertThat(status.text).contains("No Ludus server is running on " + dataDir).doesNotContain("did not stop cleanly");

        assertThat(run(out -> ServerControl.stop(dataDir, out, Duration.ofSeconds(5))).code).isEqualTo(ExitCode.NOT_RUNNING);
    }

    private record Output(ExitCode code, String text) {}

    private static Output run(Function<PrintStream, ExitCode> command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExitCode code = command.apply(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Output(code, bytes.toString(StandardCharsets.UTF_8));
    }
}
