package io.ludus.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./ludus status} and {@code ./ludus stop}: they find the server through its data directory
 * (the lock says whether one runs, the record says its PID and URLs), so they work from any terminal.
 */
public final class ServerControl {

    /** Longer than the HTTP grace period (15 s) plus stopping the services and infrastructure. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(10);
    // the top-level status of Micronaut's health JSON comes first: {"name":…,"status":"UP",…}
    private static final Pattern HEALTH_STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private ServerControl() {}

    public static void main(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        String[] options = args.length == 0 ? args : java.util.Arrays.copyOfRange(args, 1, args.length);
        StandaloneConfig config;
        try {
            config = StandaloneConfig.parse(options, System.getenv());
        } catch (StandaloneConfig.HelpRequested help) {
            System.out.println("usage: ludus status|stop [--data-dir DIR]   (or LUDUS_DATA_DIR, or --config FILE)");
            return;
        } catch (InvalidConfigurationException e) {
            System.err.println("ludus: " + e.getMessage());
            System.exit(ExitCode.BAD_CONFIGURATION.status());
            return;
        }
        ExitCode result = switch (command) {
            case "status" -> status(config.dataDir(), System.out);
            case "stop" -> stop(config.dataDir(), System.out, STOP_TIMEOUT);
            default -> {
                System.err.println("ludus: unknown command '" + command + "' (status or stop)");
                yield ExitCode.BAD_CONFIGURATION;
            }
        };
        System.exit(result.status());
    }

    /** Prints whether a server runs on {@code dataDir}: its PID, uptime, URLs, health and log file. */
    static ExitCode status(Path dataDir, PrintStream out) {
        Optional<ServerRecord> record = DataDirectory.readRecord(dataDir);
        if (!DataDirectory.isLocked(dataDir)) {
            out.printf("No Ludus server is running on %s.%n", dataDir);
            record.ifPresent(r -> out.printf("The last one (PID %d) did not stop cleanly; the next start recovers its data.%n",
                    r.pid()));
            return ExitCode.NOT_RUNNING;
        }
        if (record.isEmpty()) {
            out.printf("A Ludus server holds %s but has not said which yet (it is starting).%n", dataDir);
            return ExitCode.OK;
        }
        ServerRecord r = record.get();
        out.printf("Ludus is %s on %s%n", r.isReady() ? "running" : "starting", dataDir);
        out.printf("  %-13s %d%n", "PID", r.pid());
        out.printf("  %-13s %s%n", "uptime", uptime(Duration.ofMillis(System.currentTimeMillis() - r.startedAtMillis())));
        r.urls().forEach((label, url) -> out.printf("  %-13s %s%n", label, url));
        r.url("health").ifPresent(health -> out.printf("  %-13s %s%n", "health status", health(URI.create(health))));
        if (r.logFile() != null) {
            out.printf("  %-13s %s%n", "log file", r.logFile());
        }
        return ExitCode.OK;
    }

    /** Asks the server on {@code dataDir} to shut down (SIGTERM, as Ctrl-C would) and waits until it has exited. */
    static ExitCode stop(Path dataDir, PrintStream out, Duration timeout) {
        Optional<ServerRecord> record = DataDirectory.readRecord(dataDir);
        Optional<ProcessHandle> process = record.flatMap(r -> ProcessHandle.of(r.pid())).filter(ProcessHandle::isAlive);
        if (!DataDirectory.isLocked(dataDir) || process.isEmpty()) {
            out.printf("No Ludus server is running on %s.%n", dataDir);
            return ExitCode.NOT_RUNNING;
        }
        ProcessHandle server = process.get();
        if (server.pid() == ProcessHandle.current().pid()) {
            throw new IllegalStateException("the server on " + dataDir + " runs in this JVM; close it instead");
        }
        out.printf("Stopping Ludus (PID %d)...%n", server.pid());
        out.flush();
        long t0 = System.nanoTime();
        server.destroy();
        try {
            server.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            out.printf("Ludus (PID %d) did not exit within %d s. Its log says why: %s. kill -9 %d is safe: the next start recovers.%n",
                    server.pid(), timeout.toSeconds(), record.get().logFile(), server.pid());
            return ExitCode.STOP_TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.STOP_TIMED_OUT;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot wait for PID " + server.pid(), e.getCause());
        }
        out.printf("Ludus stopped in %.1f s.%n", (System.nanoTime() - t0) / 1e9);
        return ExitCode.OK;
    }

    private static String health(URI uri) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(HEALTH_TIMEOUT).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(HEALTH_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher status = HEALTH_STATUS.matcher(response.body());
            return (status.find() ? status.group(1) : "no status") + " (HTTP " + response.statusCode() + ")";
        } catch (IOException e) {
            return "not answering (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not checked (interrupted)";
        }
    }

    private static String uptime(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format("%d min %02d s", s / 60, s % 60);
        }
        return String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
