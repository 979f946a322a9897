package io.ludus.replay.store;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Blob storage for replay files, keyed by match id. Writes are idempotent: the first write of a
 * match id wins, and every later put returns the reference of that first object.
 * Failures are {@link ReplayStoreException}s.
 */
public interface ReplayStore {

    /** Default size limit: 16 MiB, far above the 40 KB target; anything bigger is a bug or an attack. */
    long DEFAULT_MAX_REPLAY_BYTES = 16L << 20;

    ReplayRef put(String matchId, byte[] replay);

    /** Reads {@code replay} to its end (at most the size limit) and stores it. */
    ReplayRef put(String matchId, InputStream replay);

    /** A batch of puts made durable together; see {@link ReplayBatch}. */
    default ReplayBatch newBatch() {
        return ReplayBatch.immediate(this);
    }

    Optional<ReplayRef> stat(String matchId);

    default boolean exists(String matchId) {
        return stat(matchId).isPresent();
    }

    /** The replay's bytes, checked against the hash recorded when it was stored. */
    Optional<StoredReplay> get(String matchId);

    /** The replay's bytes, checked against {@code expectedSha256}, e.g. from a result event. */
    default StoredReplay get(String matchId, String expectedSha256) {
        StoredReplay replay = get(matchId).orElseThrow(
                () -> new ReplayStoreException(ReplayStoreException.Reason.NOT_FOUND, matchId, "no replay stored"));
        if (!replay.ref().sha256().equalsIgnoreCase(expectedSha256)) {
            throw new ReplayStoreException(ReplayStoreException.Reason.HASH_MISMATCH, matchId,
                    "expected sha256 " + expectedSha256 + ", stored " + replay.ref().sha256());
        }
        return replay;
    }

    /** A stream of the stored bytes, for readers that decode as they go. */
    InputStream open(String matchId);

    /** Returns whether something was deleted. */
    boolean delete(String matchId);

    /** Up to {@code limit} replays stored before {@code cutoff}, in no particular order. */
    List<ReplayRef> listOlderThan(Instant cutoff, int limit);
}
