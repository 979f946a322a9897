package io.ludus.replay.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @TempDir
    Path root;

    @Test
    void deletesOnlyReplaysPastMaxAgeAndReportsEach() throws IOException {
        FileSystemReplayStore store = new FileSystemReplayStore(root);
        storeAged(store, "old-1", Duration.ofDays(40));
        storeAged(store, "old-2", Duration.ofDays(31));
        storeAged(store, "young", Duration.ofDays(29));
        List<ReplayRef> reported = new ArrayList<>();

        int deleted = new ReplayRetention(store, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC), reported::add).runOnce();

        assertThat(deleted).isEqualTo(2);
        assertThat(reported).extracting(ReplayRef::matchId).containsExactlyInAnyOrder("old-1", "old-2");
        assertThat(store.exists("old-1")).isFalse();
        assertThat(store.exists("old-2")).isFalse();
        assertThat(store.exists("young")).isTrue();
    }

    @Test
    void secondRunFindsNothingToDelete() throws IOException {
        FileSystemReplayStore store = new FileSystemReplayStore(root);
        storeAged(store, "old", Duration.ofDays(40));
        ReplayRetention retention = new ReplayRetention(store, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC), ref -> {});

        assertThat(retention.runOnce()).isEqualTo(1);
        assertThat(retention.runOnce()).isZero();
    }

    @Test
    void rejectsNonPositiveMaxAge() {
        FileSystemReplayStore store = new FileSystemReplayStore(root);
        assertThatThrownBy(() -> new ReplayRetention(store, Duration.ZERO, Clock.systemUTC(), ref -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Stores through another store on the same directory whose clock is {@code age} behind. */
    private void storeAged(FileSystemReplayStore store, String matchId, Duration age) {
        try (FileSystemReplayStore then = new FileSystemReplayStore(root, ReplayStore.DEFAULT_MAX_REPLAY_BYTES,
                Clock.fixed(NOW.minus(age), ZoneOffset.UTC))) {
            then.put(matchId, ReplayStoreContract.replay(matchId, 1));
        }
    }
}
