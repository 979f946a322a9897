package io.ludus.workers;

import io.ludus.replay.store.ReplayBatch;
import io.ludus.replay.store.ReplayRef;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.StoredReplay;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A real store behind a test double: everything is forwarded; subclasses override what they break. */
abstract class ForwardingReplayStore implements ReplayStore {

    protected final ReplayStore delegate;

    ForwardingReplayStore(ReplayStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public ReplayRef put(String matchId, byte[] replay) {
        return delegate.put(matchId, replay);
    }

    @Override
    public ReplayRef put(String matchId, InputStream replay) {
        return delegate.put(matchId, replay);
    }

    @Override
    public ReplayBatch newBatch() {
        return delegate.newBatch();
    }

    @Override
    public Optional<ReplayRef> stat(String matchId) {
        return delegate.stat(matchId);
    }

    @Override
    public Optional<StoredReplay> get(String matchId) {
        return delegate.get(matchId);
    }

    @Override
    public InputStream open(String matchId) {
        return delegate.open(matchId);
    }

    @Override
    public boolean delete(String matchId) {
        return delegate.delete(matchId);
    }

    @Override
    public List<ReplayRef> listOlderThan(Instant cutoff, int limit) {
        return delegate.listOlderThan(cutoff, limit);
    }

    /** A real store that runs {@link #beforeCommit} before each batch commit: to stall it or make it fail. */
    abstract static class BeforeEachCommit extends ForwardingReplayStore {

        /** Batch commits attempted so far. */
        final AtomicInteger commits = new AtomicInteger();

        BeforeEachCommit(ReplayStore delegate) {
            super(delegate);
        }

        /** @param attempt this commit's number, from 1 */
        abstract void beforeCommit(int attempt);

        @Override
        public ReplayBatch newBatch() {
            ReplayBatch batch = delegate.newBatch();
            return new ReplayBatch() {
                @Override
                public ReplayRef put(String matchId, byte[] replay) {
                    return batch.put(matchId, replay);
                }

                @Override
                public void commit() {
                    beforeCommit(commits.incrementAndGet());
                    batch.commit();
                }

                @Override
                public void close() {
                    batch.close();
                }
            };
        }
    }
}
