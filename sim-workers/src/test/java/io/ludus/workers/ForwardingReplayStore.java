package io.ludus.workers;

import io.ludus.replay.store.ReplayBatch;
import io.ludus.replay.store.ReplayRef;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.StoredReplay;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
}
