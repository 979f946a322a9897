package io.ludus.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Clears what a killed JVM leaves in a PostgreSQL data directory: a postmaster that kept running
 * (it is stopped) or a {@code postmaster.pid} naming a process that is not that postmaster (it is removed).
 */
final class OrphanedPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final long SMART_STOP_SECONDS = 30;
    private static final long KILL_WAIT_SECONDS = 10;

    private OrphanedPostmaster() {
    }

    static void clear(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> postmaster = parsePid(lines)
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> isPostmasterOf(process, lines.get(1).trim()));
        if (postmaster.isPresent()) {
            LOG.warn("Stopping orphaned postmaster {} left on {}", postmaster.get().pid(), dataDirectory);
            stop(postmaster.get());
        } else {
            LOG.warn("Removing stale {}", pidFile);
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> parsePid(List<String> lines) {
        if (lines.size() < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // guards against pid reuse: the live process must be a postgres started on the recorded data directory
    private static boolean isPostmasterOf(ProcessHandle process, String recordedDataDirectory) {
        String commandLine = process.info().commandLine().orElse("");
        return commandLine.contains("postgres") && commandLine.contains(recordedDataDirectory);
    }

    private static void stop(ProcessHandle postmaster) throws IOException {
        List<ProcessHandle> children = postmaster.descendants().toList();
        postmaster.destroy(); // SIGTERM: smart shutdown, the dead JVM's sessions are already gone
        if (awaitExit(postmaster, SMART_STOP_SECONDS)) {
            return;
        }
        LOG.warn("Postmaster {} ignored SIGTERM for {} s, killing it", postmaster.pid(), SMART_STOP_SECONDS);
        postmaster.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        // the next postmaster refuses to start while a child still holds the old shared memory
        boolean allGone = awaitExit(postmaster, KILL_WAIT_SECONDS);
        for (ProcessHandle child : children) {
            allGone &= awaitExit(child, KILL_WAIT_SECONDS);
        }
        if (!allGone) {
            throw new IOException("orphaned postmaster " + postmaster.pid() + " or one of its children does not exit");
        }
    }

    private static boolean awaitExit(ProcessHandle process, long seconds) throws IOException {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping postmaster " + process.pid(), e);
        } catch (ExecutionException e) {
            throw new IOException("cannot wait for process " + process.pid(), e.getCause());
        }
    }
}
