package io.ludus.bench;

import io.ludus.replay.store.ReplayRef;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.ReplayStoreException;
import io.ludus.replay.store.StoredReplay;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replays kept in memory, hashed as the real stores hash them: PipelineBenchmark's {@code store=memory}, which
 * takes the filesystem out of the end-to-end run to show its share. Not durable, so not for use outside benchmarks.
 */
final class MemoryReplayStore implements ReplayStore {

    private final Map<String, StoredReplay> replays = new ConcurrentHashMap<>();

    @Override
    public ReplayRef put(String matchId, byte[] replay) {
        return replays.computeIfAbsent(matchId, id -> new StoredReplay(new ReplayRef(id, id + ".ludr", replay.length,
                sha256(replay), Instant.now()), replay)).ref();
    }

    @Override
    public ReplayRef put(String matchId, InputStream replay) {
        try {
            return put(matchId, replay.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<ReplayRef> stat(String matchId) {
        return get(matchId).map(StoredReplay::ref);
    }

    @Override
    public Optional<StoredReplay> get(String matchId) {
        return Optional.ofNullable(replays.get(matchId));
    }

    @Override
    public InputStream open(String matchId) {
        StoredReplay replay = replays.get(matchId);
        if (replay == null) {
            throw new ReplayStoreException(ReplayStoreException.Reason.NOT_FOUND, matchId, "no replay stored");
        }
        return new ByteArrayInputStream(replay.bytes());
    }

    @Override
    public boolean delete(String matchId) {
        return replays.remove(matchId) != null;
    }

    @Override
    public List<ReplayRef> listOlderThan(Instant cutoff, int limit) {
        return replays.values().stream().map(StoredReplay::ref).filter(r -> r.storedAt().isBefore(cutoff)).limit(limit).toList();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
