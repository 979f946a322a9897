package io.ludus.replay.api;

import io.ludus.replay.format.SyntheticBattle;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayRef;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.StoredReplay;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.security.authentication.Authentication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Loads from the store are bounded: past ludus.replay.max-concurrent-loads a request gets 503 with Retry-After. */
@Timeout(60)
class ReplayLoadLimitTest {

    private static final String MATCH = "load-limit-1";

    @Test
    void aLoadBeyondTheLimitIsRefusedWith503AndRetryAfterWhileTheOthersFinish(@TempDir Path root) throws Exception {
        FileSystemReplayStore real = new FileSystemReplayStore(root);
        real.put(MATCH, SyntheticBattle.recordUnchecked(MATCH, 7));
        GatedStore store = new GatedStore(real);
        ReplayConfiguration config = new ReplayConfiguration(ReplayConfiguration.StoreType.FS, 1 << 20, 1);
        ReplayController controller = new ReplayController(store,
                new ShareLinks("share-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), Duration.ofHours(1),
                        Clock.systemUTC()), config);
        Authentication ann = Authentication.build("player-ann");

        CompletableFuture<HttpResponse<byte[]>> first = CompletableFuture.supplyAsync(() -> {
            try {
                return controller.replay(MATCH, null, ann, null, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(store.entered.await(30, TimeUnit.SECONDS)).as("first load holds the only permit").isTrue();

        ReplayController.ApiRefusal refused = catchThrowableOfType(ReplayController.ApiRefusal.class,
                () -> controller.replay(MATCH, null, ann, null, null));
        assertThat(refused.status.getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
        assertThat(controller.refused(refused).getHeaders().get(HttpHeaders.RETRY_AFTER)).isEqualTo("1");

        store.release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS).status().getCode()).isEqualTo(HttpStatus.OK.getCode());
        assertThat(controller.replay(MATCH, null, ann, null, null).status().getCode()).as("the permit came back").isEqualTo(HttpStatus.OK.getCode());
    }

    /** The real filesystem store, whose first read waits until the test lets it go. */
    private static final class GatedStore implements ReplayStore {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final ReplayStore delegate;

        GatedStore(ReplayStore delegate) {
            this.delegate = delegate;
        }

        private void gate() {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        public Optional<ReplayRef> stat(String matchId) {
            return delegate.stat(matchId);
        }

        @Override
        public Optional<StoredReplay> get(String matchId) {
            return delegate.get(matchId);
        }

        @Override
        public InputStream open(String matchId) {
            gate();
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
}
