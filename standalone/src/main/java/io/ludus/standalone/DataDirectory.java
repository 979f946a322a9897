package io.ludus.standalone;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The data directory as one server's property: checks that it can hold data, and a lock that a
 * running server keeps on {@value #LOCK_FILE} (the kernel drops it when the process dies, even by
 * kill -9). Beside the lock the server keeps {@value #RECORD_FILE}: its PID, start time, URLs and
 * log file, which {@code ./ludus status} and {@code ./ludus stop} read.
 */
final class DataDirectory {

    static final String LOCK_FILE = "server.lock";
    static final String RECORD_FILE = "server.properties";
    /** Below this much free space the server refuses to start: Kafka and PostgreSQL fail badly on a full disk. */
    static final long MIN_FREE_BYTES = 256L * 1024 * 1024;

    private DataDirectory() {}

    /** Creates the directory if needed and checks it can be written and has room. */
    static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", "");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new CannotStartException(ExitCode.DATA_DIR_UNUSABLE, "the data directory " + dir
                    + " cannot be written (" + reason(e) + "). Fix its permissions, or choose another with "
                    + Setting.DATA_DIR.flag() + " DIR or " + Setting.DATA_DIR.env() + "=DIR.");
        }
        long free;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new CannotStartException(ExitCode.DATA_DIR_UNUSABLE, "cannot tell how much space is free for the data directory "
                    + dir + " (" + reason(e) + ")");
        }
        requireSpace(dir, free);
    }

    static void requireSpace(Path dir, long usableBytes) {
        if (usableBytes < MIN_FREE_BYTES) {
            throw new CannotStartException(ExitCode.DATA_DIR_UNUSABLE, String.format(
                    "the disk of the data directory %s has only %d MB free; Ludus needs at least %d MB. Free some space, "
                            + "or choose another directory with %s DIR or %s=DIR.",
                    dir, usableBytes >> 20, MIN_FREE_BYTES >> 20, Setting.DATA_DIR.flag(), Setting.DATA_DIR.env()));
        }
    }

    /** Takes the directory for this process, or says which server holds it. */
    static Lock lock(Path dir) {
        Path lockFile = dir.resolve(LOCK_FILE);
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            // ./ludus status takes the lock for a moment to see whether a server holds it
            for (int attempt = 0; attempt < 10; attempt++) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null;
                }
                if (lock != null) {
                    return new Lock(dir, channel, lock);
                }
                Thread.sleep(100);
            }
            channel.close();
        } catch (IOException e) {
            throw new CannotStartException(ExitCode.DATA_DIR_UNUSABLE, "cannot lock the data directory " + dir
                    + " (" + reason(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotStartException(ExitCode.STARTUP_FAILED, "interrupted while locking " + dir);
        }
        String holder = readRecord(dir).map(r -> "the Ludus server with PID " + r.pid())
                .orElse("another Ludus server");
        throw new CannotStartException(ExitCode.DATA_DIR_IN_USE, "the data directory " + dir + " is in use by " + holder
                + ". Stop it with ./ludus stop " + Setting.DATA_DIR.flag() + " " + dir + ", or choose another directory with "
                + Setting.DATA_DIR.flag() + " DIR or " + Setting.DATA_DIR.env() + "=DIR.");
    }

    /** True when a live process holds the lock; probes by taking it for a moment. */
    static boolean isLocked(Path dir) {
        Path lockFile = dir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // held by this JVM (a server started in-process)
        } catch (IOException e) {
            throw new UncheckedIOException("cannot probe the lock " + lockFile, e);
        }
    }

    /** The record the last server on this directory wrote; it outlives a killed server. */
    static Optional<ServerRecord> readRecord(Path dir) {
        Path file = dir.resolve(RECORD_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        return ServerRecord.fromProperties(p);
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The held lock; {@link #close} removes the server record and releases the directory. */
    static final class Lock implements AutoCloseable {
        private final Path dir;
        private final FileChannel channel;
        private final FileLock lock;

        private Lock(Path dir, FileChannel channel, FileLock lock) {
            this.dir = dir;
            this.channel = channel;
            this.lock = lock;
        }

        /** Replaces the server record atomically, so a reader never sees half of it. */
        void writeRecord(Properties record) {
            Path file = dir.resolve(RECORD_FILE);
            try {
                Path tmp = Files.createTempFile(dir, RECORD_FILE, ".tmp");
                try (Writer w = Files.newBufferedWriter(tmp)) {
                    record.store(w, "the running Ludus server; read by ./ludus status and ./ludus stop");
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(dir.resolve(RECORD_FILE));
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release the lock on " + dir, e);
            }
        }
    }
}
