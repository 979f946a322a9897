package io.ludus.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The standalone server in a child JVM, so a test can kill -9 it or send it SIGTERM. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Thread drainer;

    /** Where the whole stdout goes if the server hangs (beside the stderr log), or null. */
    private Path stdoutCopy;

    private ServerProcess(Process process) {
        this.process = process;
        this.drainer = Thread.ofVirtual().start(this::drain);
    }

    static ServerProcess start(Path dataDir, Path log) throws IOException {
        return start(List.of("--data-dir", dataDir.toString(), "--http-port", "0", "--kafka-port", "0",
                "--kafka-controller-port", "0", "--registry-port", "0", "--postgres-port", "0"), log);
    }

    /** The server with exactly these options; its stderr goes to {@code log}. */
    static ServerProcess start(List<String> options, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"),
                LudusServer.class.getName()));
        command.addAll(options);
        ServerProcess server = new ServerProcess(new ProcessBuilder(command).redirectError(log.toFile()).start());
        server.stdoutCopy = log.resolveSibling(log.getFileName() + ".stdout");
        return server;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the process to exit on its own; returns its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("server still running after " + timeout + "; output: " + lines);
        }
        drainer.join(Duration.ofSeconds(10));
        return process.exitValue();
    }

    private void drain() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
                if (line.startsWith("Ludus is ready")) {
                    ready.complete(null);
                }
            }
        } catch (IOException ignored) {
            // the process died; awaitReady reports it
        }
        ready.completeExceptionally(new IllegalStateException("server exited before it was ready: " + lines));
    }

    void awaitReady(Duration timeout) throws Exception {
        ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The URL printed on the line that starts with {@code label}, e.g. "HTTP API". */
    URI url(String label) {
        return lines.stream().map(String::strip).filter(l -> l.startsWith(label + " "))
                .map(l -> URI.create(l.substring(label.length()).strip())).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + label + "' line in " + lines));
    }

    String kafka() {
        return lines.stream().map(String::strip).filter(l -> l.startsWith("Kafka "))
                .map(l -> l.substring("Kafka".length()).strip()).findFirst().orElseThrow();
    }

    List<String> output() {
        return List.copyOf(lines);
    }

    /** SIGKILL: no shutdown hook runs, exactly like kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM; returns the exit code once the process has exited and all its output is read. */
    int terminate(Duration timeout) throws InterruptedException {
        // ProcessHandle.destroy sends SIGTERM only; Process.destroy would also close our end of the
        // child's stdout, losing what its shutdown hook prints.
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("server did not stop within " + timeout + " after SIGTERM; its threads and last output:\n"
                    + String.join("\n", threadDumpAndTail()));
        }
        drainer.join(Duration.ofSeconds(10));
        return process.exitValue();
    }

    /** SIGQUIT makes the JVM print every thread's stack on its stdout: what a hung shutdown waits for. */
    private List<String> threadDumpAndTail() throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            lines.add("(no thread dump: " + e + ")");
        }
        Thread.sleep(2000);
        List<String> all = List.copyOf(lines);
        if (stdoutCopy != null) {
            try {
                java.nio.file.Files.write(stdoutCopy, all, StandardCharsets.UTF_8);
                lines.add("(the whole output is in " + stdoutCopy + ")");
            } catch (IOException e) {
                lines.add("(output not saved: " + e + ")");
            }
        }
        return all.subList(Math.max(0, all.size() - 400), all.size());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
