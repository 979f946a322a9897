package io.ludus.replay.store;

/**
 * Puts that become durable together. A sim worker opens one per Kafka transaction, stages each
 * replay as its simulation ends, and commits the batch just before the transaction, so the cost
 * of making replays durable (an fsync, an upload) is paid once per batch and in parallel rather
 * than once per replay on the simulation threads.
 *
 * <p>{@link #put} is thread-safe and returns the reference the replay will have once committed.
 * Until {@link #commit} returns, a staged replay may not be readable and does not survive a
 * crash; a batch closed without commit leaves nothing behind. The store's idempotency holds: a
 * replay already stored for a match id wins over a staged one.
 */
public interface ReplayBatch extends AutoCloseable {

    ReplayRef put(String matchId, byte[] replay);

    /** Makes every staged replay durable and readable, or throws {@link ReplayStoreException}. */
    void commit();

    /** Discards what was staged and not committed. */
    @Override
    void close();

    /** For stores whose put is cheap enough as it is: each put is stored at once. */
    static ReplayBatch immediate(ReplayStore store) {
        return new ReplayBatch() {
            @Override
            public ReplayRef put(String matchId, byte[] replay) {
                return store.put(matchId, replay);
            }

            @Override
            public void commit() {}

            @Override
            public void close() {}
        };
    }
}
