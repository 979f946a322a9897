package io.ludus.replay.store;

import io.ludus.replay.format.ReplayReader;
import io.ludus.replay.format.SyntheticBattle;
import io.ludus.replay.store.ReplayStoreException.Reason;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour every {@link ReplayStore} must have; each implementation's test extends this. */
abstract class ReplayStoreContract {

    /** A fresh, empty store. */
    abstract ReplayStore newStore(long maxReplayBytes);

    ReplayStore newStore() {
        return newStore(ReplayStore.DEFAULT_MAX_REPLAY_BYTES);
    }

    static byte[] replay(String matchId, long seed) {
        return SyntheticBattle.recordUnchecked(matchId, seed);
    }

    @Test
    void putThenGetReturnsTheSameBytesAndTheirHash() throws IOException {
        ReplayStore store = newStore();
        byte[] bytes = replay("m-1", 1);

        ReplayRef ref = store.put("m-1", bytes);

        assertThat(ref.matchId()).isEqualTo("m-1");
        assertThat(ref.sizeBytes()).isEqualTo(bytes.length);
        assertThat(ref.sha256()).isEqualTo(HexFormat.of().formatHex(StoreSupport.sha256().digest(bytes)));
        assertThat(ref.key()).endsWith("m-1.ludr");
        StoredReplay stored = store.get("m-1").orElseThrow();
        assertThat(stored.bytes()).isEqualTo(bytes);
        assertThat(stored.ref()).isEqualTo(ref);
        assertThat(ReplayReader.summarize(new ByteArrayInputStream(stored.bytes())).header().matchId()).isEqualTo("m-1");
    }

    @Test
    void retriedPutLeavesOneObjectAndReturnsTheSameReference() {
        ReplayStore store = newStore();
        byte[] bytes = replay("m-2", 2);

        ReplayRef first = store.put("m-2", bytes);
        ReplayRef second = store.put("m-2", bytes.clone());

        assertThat(second).isEqualTo(first);
        assertThat(store.listOlderThan(Instant.now().plus(Duration.ofHours(1)), 100))
                .extracting(ReplayRef::matchId).containsExactly("m-2");
    }

    @Test
    void retriedPutWithDifferentBytesKeepsTheFirstReplay() {
        ReplayStore store = newStore();
        byte[] first = replay("m-3", 3);

        ReplayRef ref = store.put("m-3", first);
        ReplayRef retried = store.put("m-3", replay("m-3", 4));

        assertThat(retried).isEqualTo(ref);
        assertThat(store.get("m-3").orElseThrow().bytes()).isEqualTo(first);
    }

    @Test
    void putFromStreamStoresTheSameAsPutFromBytes() {
        ReplayStore store = newStore();
        byte[] bytes = replay("m-4", 5);

        ReplayRef ref = store.put("m-4", new ByteArrayInputStream(bytes));

        assertThat(ref.sha256()).isEqualTo(StoreSupport.sha256Hex(bytes));
        assertThat(store.get("m-4").orElseThrow().bytes()).isEqualTo(bytes);
    }

    @Test
    void getWithTheExpectedHashReturnsTheReplay() {
        ReplayStore store = newStore();
        ReplayRef ref = store.put("m-5", replay("m-5", 6));

        assertThat(store.get("m-5", ref.sha256()).ref()).isEqualTo(ref);
    }

    @Test
    void getWithAnotherHashFailsWithHashMismatch() {
        ReplayStore store = newStore();
        store.put("m-6", replay("m-6", 7));
        String other = StoreSupport.sha256Hex(new byte[] {1});

        assertReason(() -> store.get("m-6", other), Reason.HASH_MISMATCH);
    }

    @Test
    void unknownMatchIsAbsentOrNotFound() {
        ReplayStore store = newStore();

        assertThat(store.get("nobody")).isEmpty();
        assertThat(store.stat("nobody")).isEmpty();
        assertThat(store.exists("nobody")).isFalse();
        assertReason(() -> store.get("nobody", "00"), Reason.NOT_FOUND);
        assertReason(() -> store.open("nobody"), Reason.NOT_FOUND);
    }

    @Test
    void openStreamsTheStoredBytes() throws IOException {
        ReplayStore store = newStore();
        byte[] bytes = replay("m-7", 8);
        store.put("m-7", bytes);

        try (InputStream in = store.open("m-7")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void statReportsWhatPutReturned() {
        ReplayStore store = newStore();
        ReplayRef ref = store.put("m-8", replay("m-8", 9));

        assertThat(store.stat("m-8")).contains(ref);
        assertThat(store.exists("m-8")).isTrue();
    }

    @Test
    void deleteRemovesTheReplayOnce() {
        ReplayStore store = newStore();
        store.put("m-9", replay("m-9", 10));

        assertThat(store.delete("m-9")).isTrue();
        assertThat(store.exists("m-9")).isFalse();
        assertThat(store.delete("m-9")).isFalse();
    }

    @Test
    void listOlderThanHonoursTheCutoff() {
        ReplayStore store = newStore();
        Instant before = Instant.now().minus(Duration.ofMinutes(5));
        store.put("m-10", replay("m-10", 11));
        store.put("m-11", replay("m-11", 12));

        assertThat(store.listOlderThan(before, 100)).isEmpty();
        assertThat(store.listOlderThan(Instant.now().plus(Duration.ofMinutes(5)), 100))
                .extracting(ReplayRef::matchId).containsExactlyInAnyOrder("m-10", "m-11");
        assertThat(store.listOlderThan(Instant.now().plus(Duration.ofMinutes(5)), 1)).hasSize(1);
    }

    @Test
    void rejectsMatchIdsThatCouldEscapeTheKeySpace() {
        ReplayStore store = newStore();
        for (String bad : new String[] {"", "../etc/passwd", "a/b", "m 1", "x".repeat(129)}) {
            assertReason(() -> store.put(bad, new byte[] {1}), Reason.INVALID_MATCH_ID);
            assertReason(() -> store.get(bad), Reason.INVALID_MATCH_ID);
        }
    }

    @Test
    void rejectsOversizedReplayAndStoresNothing() {
        ReplayStore store = newStore(1024);
        byte[] big = new byte[1025];

        assertReason(() -> store.put("m-12", big), Reason.TOO_LARGE);
        assertReason(() -> store.put("m-12", new ByteArrayInputStream(big)), Reason.TOO_LARGE);
        assertThat(store.exists("m-12")).isFalse();
    }

    @Test
    void committedBatchStoresEveryReplayWithTheReferencePutReturned() {
        ReplayStore store = newStore();
        List<ReplayRef> promised = new ArrayList<>();
        try (ReplayBatch batch = store.newBatch()) {
            for (int i = 0; i < 5; i++) {
                promised.add(batch.put("b-" + i, replay("b-" + i, 20 + i)));
            }
            batch.commit();
        }

        for (ReplayRef ref : promised) {
            StoredReplay stored = store.get(ref.matchId()).orElseThrow();
            assertThat(stored.ref()).isEqualTo(ref);
            assertThat(stored.bytes()).isEqualTo(replay(ref.matchId(), 20 + Integer.parseInt(ref.matchId().substring(2))));
        }
    }

    @Test
    void batchPutOfAStoredMatchReturnsTheStoredReference() {
        ReplayStore store = newStore();
        ReplayRef first = store.put("b-stored", replay("b-stored", 30));

        ReplayRef again;
        try (ReplayBatch batch = store.newBatch()) {
            again = batch.put("b-stored", replay("b-stored", 31));
            batch.commit();
        }

        assertThat(again).isEqualTo(first);
        assertThat(store.get("b-stored").orElseThrow().ref()).isEqualTo(first);
    }

    @Test
    void batchRejectsBadInputOnPut() {
        ReplayStore store = newStore(1024);
        try (ReplayBatch batch = store.newBatch()) {
            assertReason(() -> batch.put("../x", new byte[] {1}), Reason.INVALID_MATCH_ID);
            assertReason(() -> batch.put("b-big", new byte[1025]), Reason.TOO_LARGE);
            batch.commit();
        }
        assertThat(store.exists("b-big")).isFalse();
    }

    @Test
    void batchRetriedAfterACommitReturnsTheSameReferencesAndStoresEachReplayOnce() {
        ReplayStore store = newStore();
        List<ReplayRef> first = new ArrayList<>();
        List<ReplayRef> retried = new ArrayList<>();
        for (List<ReplayRef> refs : List.of(first, retried)) {
            try (ReplayBatch batch = store.newBatch()) {
                for (int i = 0; i < 3; i++) {
                    refs.add(batch.put("rb-" + i, replay("rb-" + i, 40 + i)));
                }
                batch.commit();
            }
        }

        assertThat(retried).isEqualTo(first);
        assertThat(store.listOlderThan(Instant.now().plus(Duration.ofHours(1)), 100)).extracting(ReplayRef::matchId)
                .containsExactlyInAnyOrder("rb-0", "rb-1", "rb-2");
    }

    @Test
    void batchClosedWithoutCommitStoresNothing() {
        ReplayStore store = newStore();
        try (ReplayBatch batch = store.newBatch()) {
            batch.put("bx-1", replay("bx-1", 70));
            assertThat(store.exists("bx-1")).isFalse();
        }

        assertThat(store.exists("bx-1")).isFalse();
        assertThat(store.listOlderThan(Instant.now().plus(Duration.ofHours(1)), 100)).isEmpty();
    }

    @Test
    void batchPuttingOneMatchTwiceKeepsTheFirstReplay() {
        ReplayStore store = newStore();
        byte[] first = replay("bt-1", 50);
        try (ReplayBatch batch = store.newBatch()) {
            batch.put("bt-1", first);
            batch.put("bt-1", first.clone());
            batch.commit();
        }

        assertThat(store.get("bt-1").orElseThrow().bytes()).isEqualTo(first);
        assertThat(store.listOlderThan(Instant.now().plus(Duration.ofHours(1)), 100)).hasSize(1);
    }

    @Test
    void deletedReplayIsNoLongerListedOrServed() {
        ReplayStore store = newStore();
        store.put("dl-1", replay("dl-1", 60));
        store.put("dl-2", replay("dl-2", 61));

        store.delete("dl-1");

        assertThat(store.listOlderThan(Instant.now().plus(Duration.ofHours(1)), 100)).extracting(ReplayRef::matchId)
                .containsExactly("dl-2");
        assertThat(store.get("dl-1")).isEmpty();
        assertReason(() -> store.open("dl-1"), Reason.NOT_FOUND);
    }

    static void assertReason(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ReplayStoreException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
