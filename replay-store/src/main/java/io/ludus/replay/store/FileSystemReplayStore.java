package io.ludus.replay.store;

import io.ludus.replay.store.ReplayStoreException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays as files under one directory, fanned out as {@code ab/cd/<matchId>.ludr}. A write goes
 * to a temp file beside its final name; once the temp file is synced it is hard-linked into
 * place, and the directory is synced. The link appears atomically and fails if the name exists,
 * so concurrent writers cannot replace the first replay, and a name never points at bytes that a
 * crash could lose. A {@link #newBatch() batch} does the same for many replays at once, with the
 * fsyncs issued in parallel so the filesystem can fold them into a few journal commits.
 * The writer that linked a replay records its hash beside it ({@code <matchId>.ludr.sha256});
 * reads check the bytes against it. A replay without one (stored before hashes were recorded, or
 * a crash between the link and the hash) is served unchecked.
 */
public final class FileSystemReplayStore implements ReplayStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileSystemReplayStore.class);
    private static final int MAX_DEPTH = 3;
    private static final String HASH_SUFFIX = ".sha256";
    private static final int CHUNK_BYTES = 64 * 1024;
    /** Windows cannot open a directory to sync it; there the file's own fsync is all there is. */
    private static final boolean CAN_SYNC_DIRECTORIES = !System.getProperty("os.name", "").startsWith("Windows");

    private final Path root;
    private final long maxReplayBytes;

    public FileSystemReplayStore(Path root, long maxReplayBytes) {
        this.root = root.toAbsolutePath();
        this.maxReplayBytes = maxReplayBytes;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create replay directory " + this.root, e);
        }
    }

    public FileSystemReplayStore(Path root) {
        this(root, DEFAULT_MAX_REPLAY_BYTES);
    }

    @Override
    public ReplayRef put(String matchId, byte[] replay) {
        return putStaged(matchId, () -> stage(matchId, replay));
    }

    @Override
    public ReplayRef put(String matchId, InputStream replay) {
        return putStaged(matchId, () -> stage(matchId, replay));
    }

    @Override
    public ReplayBatch newBatch() {
        return new Batch();
    }

    @Override
    public Optional<ReplayRef> stat(String matchId) {
        return get(matchId).map(StoredReplay::ref);
    }

    @Override
    public Optional<StoredReplay> get(String matchId) {
        StoreSupport.requireValidMatchId(matchId);
        Path path = pathOf(matchId);
        try (InputStream in = Files.newInputStream(path)) {
            Instant storedAt = Files.getLastModifiedTime(path).toInstant();
            byte[] bytes = StoreSupport.readBounded(matchId, in, maxReplayBytes);
            String sha256 = StoreSupport.sha256Hex(bytes);
            checkRecordedHash(matchId, sha256);
            ReplayRef ref = new ReplayRef(matchId, StoreSupport.keyOf(matchId), bytes.length, sha256, storedAt);
            return Optional.of(new StoredReplay(ref, bytes));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot read " + path, e);
        }
    }

    @Override
    public InputStream open(String matchId) {
        StoreSupport.requireValidMatchId(matchId);
        try {
            InputStream in = Files.newInputStream(pathOf(matchId));
            String recorded = recordedHash(matchId);
            return recorded == null ? in : new VerifyingStream(matchId, in, recorded);
        } catch (NoSuchFileException e) {
            throw new ReplayStoreException(Reason.NOT_FOUND, matchId, "no replay stored");
        } catch (IOException e) {
            throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot open", e);
        }
    }

    @Override
    public boolean delete(String matchId) {
        StoreSupport.requireValidMatchId(matchId);
        try {
            boolean deleted = Files.deleteIfExists(pathOf(matchId));
            Files.deleteIfExists(hashPathOf(matchId));
            return deleted;
        } catch (IOException e) {
            throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot delete", e);
        }
    }

    @Override
    public List<ReplayRef> listOlderThan(Instant cutoff, int limit) {
        List<ReplayRef> old = new ArrayList<>();
        try (Stream<Path> files = Files.find(root, MAX_DEPTH,
                (path, attrs) -> attrs.isRegularFile() && attrs.lastModifiedTime().toInstant().isBefore(cutoff)
                        && StoreSupport.matchIdOfFileName(path.getFileName().toString()) != null)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                if (old.size() >= limit) {
                    break;
                }
                String matchId = StoreSupport.matchIdOfFileName(path.getFileName().toString());
                try {
                    StoreSupport.requireValidMatchId(matchId);
                    if (!pathOf(matchId).equals(path)) {
                        throw new ReplayStoreException(Reason.INVALID_MATCH_ID, matchId, "not where its name belongs");
                    }
                    stat(matchId).ifPresent(old::add);
                } catch (ReplayStoreException e) {
                    if (e.reason() == Reason.BACKEND) {
                        throw e;
                    }
                    // a stray or damaged file must not stop retention of everything else
                    LOG.warn("Skipping {} in the replay store: {} {}", path, e.reason(), e.getMessage());
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ReplayStoreException(Reason.BACKEND, "*", "cannot list " + root, e);
        }
        return old;
    }

    /** A replay written, unsynced, to {@code temp}; {@code ref} is what it will be once linked to {@code target}. */
    private record Staged(String matchId, Path target, Path temp, boolean createdDirectories, ReplayRef ref) {}

    private interface Stager {
        Staged stage() throws IOException;
    }

    private ReplayRef putStaged(String matchId, Stager stager) {
        StoreSupport.requireValidMatchId(matchId);
        Optional<ReplayRef> existing = storedAlready(matchId);
        if (existing.isPresent()) {
            return existing.get();
        }
        Staged staged = null;
        try {
            staged = stager.stage();
            return publish(List.of(staged)).getFirst();
        } catch (IOException e) {
            throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot write " + pathOf(matchId), e);
        } finally {
            if (staged != null) {
                deleteQuietly(staged.temp());
            }
        }
    }

    /** Like {@link #stat}, but the common case, nothing stored yet, costs one syscall and no exception. */
    private Optional<ReplayRef> storedAlready(String matchId) {
        return Files.exists(pathOf(matchId)) ? stat(matchId) : Optional.empty();
    }

    private Staged stage(String matchId, byte[] replay) throws IOException {
        if (replay.length > maxReplayBytes) {
            throw new ReplayStoreException(Reason.TOO_LARGE, matchId, "replay exceeds " + maxReplayBytes + " bytes");
        }
        return stage(matchId, (channel, digest) -> {
            digest.update(replay);
            writeFully(channel, ByteBuffer.wrap(replay));
            return replay.length;
        });
    }

    private Staged stage(String matchId, InputStream replay) throws IOException {
        return stage(matchId, (channel, digest) -> {
            byte[] chunk = new byte[CHUNK_BYTES];
            long written = 0;
            int n;
            while ((n = replay.read(chunk)) > 0) {
                written += n;
                if (written > maxReplayBytes) {
                    throw new ReplayStoreException(Reason.TOO_LARGE, matchId, "replay exceeds " + maxReplayBytes + " bytes");
                }
                digest.update(chunk, 0, n);
                writeFully(channel, ByteBuffer.wrap(chunk, 0, n));
            }
            return written;
        });
    }

    private interface Content {
        /** Writes the replay to {@code channel}, hashing it into {@code digest}; returns the bytes written. */
        long writeTo(FileChannel channel, MessageDigest digest) throws IOException;
    }

    private Staged stage(String matchId, Content content) throws IOException {
        Path target = pathOf(matchId);
        Path directory = target.getParent();
        boolean createdDirectories = !Files.isDirectory(directory);
        if (createdDirectories) {
            Files.createDirectories(directory);
        }
        Path temp = Files.createTempFile(directory, ".tmp-" + matchId + "-", ".part");
        try {
            MessageDigest digest = StoreSupport.sha256();
            long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                size = content.writeTo(channel, digest);
            }
            // a hard link shares the inode, so the linked file keeps this modification time
            Instant storedAt = Files.getLastModifiedTime(temp).toInstant();
            ReplayRef ref = new ReplayRef(matchId, StoreSupport.keyOf(matchId), size,
                    HexFormat.of().formatHex(digest.digest()), storedAt);
            return new Staged(matchId, target, temp, createdDirectories, ref);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * Syncs the staged files, links each into place and syncs the directories that changed. Returns, per staged
     * replay, what is stored under its name: the staged replay, or one that another writer linked first.
     */
    private List<ReplayRef> publish(List<Staged> staged) throws IOException {
        forEachConcurrently(staged.stream().map(Staged::temp).toList(), path -> sync(path, StandardOpenOption.WRITE));
        List<ReplayRef> stored = new ArrayList<>(staged.size());
        Set<Path> changedDirectories = new LinkedHashSet<>();
        for (Staged replay : staged) {
            try {
                Files.createLink(replay.target(), replay.temp());
                // only the writer whose link won records the hash, so it always describes the linked bytes
                recordHash(replay.ref());
                stored.add(replay.ref());
                changedDirectories.add(replay.target().getParent());
                if (replay.createdDirectories()) {
                    changedDirectories.add(replay.target().getParent().getParent());
                    changedDirectories.add(root);
                }
            } catch (FileAlreadyExistsException raced) {
                // another writer got there first; its replay stands
                stored.add(stat(replay.matchId()).orElseThrow(
                        () -> new ReplayStoreException(Reason.BACKEND, replay.matchId(), "vanished after write")));
            }
        }
        if (CAN_SYNC_DIRECTORIES) {
            forEachConcurrently(changedDirectories, path -> sync(path, StandardOpenOption.READ));
        }
        return stored;
    }

    private static void sync(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }

    private interface PathAction {
        void apply(Path path) throws IOException;
    }

    /** Runs {@code action} on every path at once: fsyncs issued together are folded into fewer journal commits. */
    private static void forEachConcurrently(Collection<Path> paths, PathAction action) throws IOException {
        if (paths.size() == 1) {
            action.apply(paths.iterator().next());
            return;
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> pending = new ArrayList<>(paths.size());
            for (Path path : paths) {
                pending.add(executor.submit(() -> {
                    action.apply(path);
                    return null;
                }));
            }
            for (Future<?> future : pending) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while syncing replays");
                }
            }
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private Path pathOf(String matchId) {
        return root.resolve(StoreSupport.keyOf(matchId));
    }

    private Path hashPathOf(String matchId) {
        return root.resolve(StoreSupport.keyOf(matchId) + HASH_SUFFIX);
    }

    private void recordHash(ReplayRef ref) throws IOException {
        Path hashFile = hashPathOf(ref.matchId());
        Path temp = Files.createTempFile(hashFile.getParent(), ".tmp-" + ref.matchId() + "-", ".part");
        try {
            Files.writeString(temp, ref.sha256(), StandardCharsets.US_ASCII);
            sync(temp, StandardOpenOption.WRITE);
            Files.move(temp, hashFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** The hash recorded when the replay was stored, or null if none was. */
    private String recordedHash(String matchId) throws IOException {
        try {
            return Files.readString(hashPathOf(matchId), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void checkRecordedHash(String matchId, String actualSha256) throws IOException {
        String recorded = recordedHash(matchId);
        if (recorded != null && !recorded.equalsIgnoreCase(actualSha256)) {
            throw new ReplayStoreException(Reason.HASH_MISMATCH, matchId,
                    "stored bytes hash to " + actualSha256 + ", recorded " + recorded);
        }
    }

    /** Hashes what passes through and fails at the end if it is not what was recorded. */
    private static final class VerifyingStream extends java.io.FilterInputStream {

        private final String matchId;
        private final String recorded;
        private final MessageDigest digest = StoreSupport.sha256();
        private boolean checked;

        VerifyingStream(String matchId, InputStream in, String recorded) {
            super(in);
            this.matchId = matchId;
            this.recorded = recorded;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            } else {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                check();
            } else {
                digest.update(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipped bytes must be hashed too
            return n <= 0 ? 0 : Math.max(0, read(new byte[(int) Math.min(n, CHUNK_BYTES)]));
        }

        private void check() {
            if (!checked) {
                checked = true;
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equalsIgnoreCase(recorded)) {
                    throw new ReplayStoreException(Reason.HASH_MISMATCH, matchId, "stored bytes hash to " + actual + ", recorded " + recorded);
                }
            }
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover .part file is harmless: it never matches a replay name
        }
    }

    /** Stages replays as unsynced temp files; commit publishes them all at once. */
    private final class Batch implements ReplayBatch {

        private final List<Staged> staged = new ArrayList<>();
        private boolean closed;

        @Override
        public ReplayRef put(String matchId, byte[] replay) {
            StoreSupport.requireValidMatchId(matchId);
            Optional<ReplayRef> existing = storedAlready(matchId);
            if (existing.isPresent()) {
                return existing.get();
            }
            Staged replayStaged;
            try {
                replayStaged = stage(matchId, replay);
            } catch (IOException e) {
                throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot write " + pathOf(matchId), e);
            }
            synchronized (this) {
                if (closed) {
                    deleteQuietly(replayStaged.temp());
                    throw new IllegalStateException("replay batch already committed or closed");
                }
                staged.add(replayStaged);
            }
            return replayStaged.ref();
        }

        @Override
        public synchronized void commit() {
            if (closed) {
                throw new IllegalStateException("replay batch already committed or closed");
            }
            if (staged.isEmpty()) {
                return;
            }
            List<ReplayRef> stored;
            try {
                stored = publish(staged);
            } catch (IOException e) {
                throw new ReplayStoreException(Reason.BACKEND, staged.getFirst().matchId(),
                        "cannot store a batch of " + staged.size() + " replays under " + root, e);
            } finally {
                discard();
            }
            for (int i = 0; i < stored.size(); i++) {
                ReplayRef promised = staged.get(i).ref();
                if (!stored.get(i).sha256().equals(promised.sha256())) {
                    // put already answered with the staged hash; only a retry can pick up the stored one
                    throw new ReplayStoreException(Reason.BACKEND, promised.matchId(),
                            "another writer stored a different replay first; retry to use it");
                }
            }
            staged.clear();
        }

        @Override
        public synchronized void close() {
            discard();
            staged.clear();
        }

        private void discard() {
            closed = true;
            staged.forEach(replay -> deleteQuietly(replay.temp()));
        }
    }
}
