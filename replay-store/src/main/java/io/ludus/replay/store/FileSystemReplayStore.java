package io.ludus.replay.store;

import io.ludus.replay.store.ReplayStoreException.Reason;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Replays as files under one directory, fanned out as {@code ab/cd/<matchId>.ludr}. A write goes
 * to a synced temp file that is then hard-linked into place: the link appears atomically and
 * fails if the name exists, so concurrent writers cannot replace the first replay. The hash is
 * derived from the file's bytes; nothing else is kept beside it.
 */
public final class FileSystemReplayStore implements ReplayStore {

    private static final int MAX_DEPTH = 3;

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
        StoreSupport.requireValidMatchId(matchId);
        if (replay.length > maxReplayBytes) {
            throw new ReplayStoreException(Reason.TOO_LARGE, matchId, "replay exceeds " + maxReplayBytes + " bytes");
        }
        return put(matchId, new ByteArrayInputStream(replay));
    }

    @Override
    public ReplayRef put(String matchId, InputStream replay) {
        StoreSupport.requireValidMatchId(matchId);
        Path target = pathOf(matchId);
        if (Files.exists(target)) {
            return stat(matchId).orElseThrow(() -> new ReplayStoreException(Reason.BACKEND, matchId, "vanished while read"));
        }
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".tmp-" + matchId + "-", ".part");
            Written written = writeSynced(matchId, replay, temp);
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException raced) {
                // another writer got there first; its replay stands
                return stat(matchId).orElseThrow(() -> new ReplayStoreException(Reason.BACKEND, matchId, "vanished after write"));
            }
            // what we wrote is what is stored: no need to read it back to hash it
            return new ReplayRef(matchId, StoreSupport.keyOf(matchId), written.size(), written.sha256(),
                    Files.getLastModifiedTime(target).toInstant());
        } catch (IOException e) {
            throw new ReplayStoreException(Reason.BACKEND, matchId, "cannot write " + target, e);
        } finally {
            deleteQuietly(temp);
        }
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
            ReplayRef ref = new ReplayRef(matchId, StoreSupport.keyOf(matchId), bytes.length, StoreSupport.sha256Hex(bytes), storedAt);
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
            return Files.newInputStream(pathOf(matchId));
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
            return Files.deleteIfExists(pathOf(matchId));
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
                stat(StoreSupport.matchIdOfFileName(path.getFileName().toString())).ifPresent(old::add);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ReplayStoreException(Reason.BACKEND, "*", "cannot list " + root, e);
        }
        return old;
    }

    private record Written(long size, String sha256) {}

    /** Writes and fsyncs {@code temp}, hashing the bytes on the way. */
    private Written writeSynced(String matchId, InputStream replay, Path temp) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        java.security.MessageDigest digest = StoreSupport.sha256();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            int n;
            while ((n = replay.read(chunk)) > 0) {
                written += n;
                if (written > maxReplayBytes) {
                    throw new ReplayStoreException(Reason.TOO_LARGE, matchId, "replay exceeds " + maxReplayBytes + " bytes");
                }
                digest.update(chunk, 0, n);
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.force(true);
        }
        return new Written(written, java.util.HexFormat.of().formatHex(digest.digest()));
    }

    private Path pathOf(String matchId) {
        return root.resolve(StoreSupport.keyOf(matchId));
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover .part file is harmless: it never matches a replay name
            }
        }
    }
}
