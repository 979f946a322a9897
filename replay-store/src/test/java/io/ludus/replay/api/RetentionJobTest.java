package io.ludus.replay.api;

import io.ludus.replay.format.SyntheticBattle;
import io.ludus.replay.store.ReplayDeletionListener;
import io.ludus.replay.store.ReplayRef;
import io.ludus.replay.store.ReplayStore;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@Property(name = "ludus.replay.retention.max-age", value = "1ms")
@Property(name = "ludus.replay.retention.interval", value = "100ms")
@Property(name = "retention-job-test", value = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionJobTest implements TestPropertyProvider {

    @Inject
    ReplayStore store;

    @Inject
    RecordingListener listener;

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("ludus.replay.fs.directory", Files.createTempDirectory("replay-retention").toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Timeout(30)
    void scheduledRetentionDeletesExpiredReplaysAndTellsListeners() throws InterruptedException {
        store.put("retained-1", SyntheticBattle.recordUnchecked("retained-1", 1));

        while (store.exists("retained-1")) {
            Thread.sleep(50);
        }

        assertThat(listener.deleted).extracting(ReplayRef::matchId).contains("retained-1");
    }

    @Singleton
    @Requires(property = "retention-job-test")
    static class RecordingListener implements ReplayDeletionListener {
        final List<ReplayRef> deleted = new CopyOnWriteArrayList<>();

        @Override
        public void replayDeleted(ReplayRef ref) {
            deleted.add(ref);
        }
    }
}
