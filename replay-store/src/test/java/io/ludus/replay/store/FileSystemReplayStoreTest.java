package io.ludus.replay.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemReplayStoreTest extends ReplayStoreContract {

    @TempDir
    Path root;

    private int stores;

    @Override
    ReplayStore newStore(long maxReplayBytes) {
        return new FileSystemReplayStore(root.resolve("store-" + stores++), maxReplayBytes);
    }

    @Test
    void commitsABatchAsOneAppendToOneSegmentFile() throws IOException {
        Path dir = root.resolve("one-segment");
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir)) {
            commit(store, "s-", 0, 5);
            commit(store, "s-", 5, 5);
        }

        assertThat(regularFiles(dir)).singleElement().satisfies(file -> assertThat(file.toString()).matches("segments/[0-9a-f-]+\\.seg"));
    }

    @Test
    void reopenedStoreReadsEveryCommittedReplayThroughItsIndex() {
        Path dir = root.resolve("reopen");
        List<ReplayRef> refs;
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir)) {
            refs = commit(store, "r-", 0, 4);
            refs.addAll(commit(store, "r-", 4, 4));
        }

        try (FileSystemReplayStore reopened = new FileSystemReplayStore(dir)) {
            for (int i = 0; i < refs.size(); i++) {
                StoredReplay stored = reopened.get("r-" + i).orElseThrow();
                assertThat(stored.ref()).isEqualTo(refs.get(i));
                assertThat(stored.bytes()).isEqualTo(replay("r-" + i, i));
            }
        }
    }

    @Test
    void tornTailLeftByACrashMidAppendIsTruncatedOnOpenAndEarlierBatchesSurvive() throws IOException {
        Path dir = root.resolve("torn");
        long afterFirst;
        Path segment;
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir)) {
            commit(store, "t-", 0, 3);
            segment = regularFiles(dir).getFirst();
            afterFirst = Files.size(dir.resolve(segment));
            commit(store, "t-", 3, 3);
        }
        long full = Files.size(dir.resolve(segment));
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve(segment), java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(afterFirst + (full - afterFirst) / 2);
        }

        try (FileSystemReplayStore reopened = new FileSystemReplayStore(dir)) {
            assertThat(Files.size(dir.resolve(segment))).isEqualTo(afterFirst);
            for (int i = 0; i < 3; i++) {
                assertThat(reopened.get("t-" + i).orElseThrow().bytes()).isEqualTo(replay("t-" + i, i));
            }
            assertThat(reopened.exists("t-3")).isFalse();
            // the worker's retry of the torn batch stores it again
            commit(reopened, "t-", 3, 3);
            assertThat(reopened.get("t-5").orElseThrow().bytes()).isEqualTo(replay("t-5", 5));
        }
    }

    @Test
    void lastBatchWhoseBytesDoNotMatchItsChecksumIsTruncatedOnOpen() throws IOException {
        Path dir = root.resolve("garbled");
        long afterFirst;
        Path segment;
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir)) {
            commit(store, "g-", 0, 2);
            segment = dir.resolve(regularFiles(dir).getFirst());
            afterFirst = Files.size(segment);
            commit(store, "g-", 2, 2);
        }
        byte[] bytes = Files.readAllBytes(segment);
        // a crash can leave the file long enough but with blocks never written
        Arrays.fill(bytes, (int) afterFirst + 100, bytes.length - 10, (byte) 0);
        Files.write(segment, bytes);

        try (FileSystemReplayStore reopened = new FileSystemReplayStore(dir)) {
            assertThat(Files.size(segment)).isEqualTo(afterFirst);
            assertThat(reopened.exists("g-1")).isTrue();
            assertThat(reopened.exists("g-2")).isFalse();
        }
    }

    @Test
    void batchRetriedAfterACrashBeforeTheKafkaCommitIsNeitherDuplicatedNorLost() throws IOException {
        Path dir = root.resolve("retry");
        List<ReplayRef> first;
        try (FileSystemReplayStore crashed = new FileSystemReplayStore(dir)) {
            first = commit(crashed, "k-", 0, 4);
        }

        List<ReplayRef> retried;
        try (FileSystemReplayStore restarted = new FileSystemReplayStore(dir)) {
            retried = commit(restarted, "k-", 0, 4);
            assertThat(restarted.listOlderThan(Instant.now().plusSeconds(60), 100)).hasSize(4);
        }

        assertThat(retried).isEqualTo(first);
        assertThat(regularFiles(dir)).as("nothing appended by the retry").hasSize(1);
    }

    @Test
    void anotherStoreOnTheSameDirectorySeesACommittedBatchButNotAStagedOne() {
        Path dir = root.resolve("shared");
        try (FileSystemReplayStore writer = new FileSystemReplayStore(dir);
             FileSystemReplayStore reader = new FileSystemReplayStore(dir)) {
            try (ReplayBatch batch = writer.newBatch()) {
                batch.put("v-1", replay("v-1", 1));
                assertThat(reader.exists("v-1")).isFalse();
                batch.commit();
            }
            assertThat(reader.get("v-1").orElseThrow().bytes()).isEqualTo(replay("v-1", 1));
            assertThat(reader.put("v-1", replay("v-1", 2)).sha256()).isEqualTo(StoreSupport.sha256Hex(replay("v-1", 1)));
        }
    }

    @Test
    void readsFailWithHashMismatchWhenStoredBytesChangeAfterTheWrite() throws IOException {
        Path dir = root.resolve("tampered");
        byte[] original = replay("m-tampered", 3);
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir)) {
            store.put("m-tampered", original);
            Path segment = dir.resolve(regularFiles(dir).getFirst());
            byte[] file = Files.readAllBytes(segment);
            file[file.length - original.length / 2] ^= 0x01;
            Files.write(segment, file);

            assertReason(() -> store.get("m-tampered"), ReplayStoreException.Reason.HASH_MISMATCH);
            assertReason(() -> {
                try (InputStream in = store.open("m-tampered")) {
                    in.readAllBytes();
                }
            }, ReplayStoreException.Reason.HASH_MISMATCH);
        }
    }

    @Test
    void openStreamsAnIntactReplayToItsEnd() throws IOException {
        try (FileSystemReplayStore store = new FileSystemReplayStore(root.resolve("intact"))) {
            byte[] bytes = replay("m-intact", 4);
            store.put("m-intact", bytes);

            try (InputStream in = store.open("m-intact")) {
                assertThat(in.skip(10)).isEqualTo(10);
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 10, bytes.length));
            }
        }
    }

    @Test
    void deletionsSurviveReopening() {
        Path dir = root.resolve("deleted");
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir)) {
            commit(store, "d-", 0, 3);
            assertThat(store.delete("d-1")).isTrue();
        }
        try (FileSystemReplayStore reopened = new FileSystemReplayStore(dir)) {
            assertThat(reopened.exists("d-0")).isTrue();
            assertThat(reopened.exists("d-1")).isFalse();
            assertThat(reopened.exists("d-2")).isTrue();
        }
    }

    @Test
    void segmentWhoseReplaysAreAllDeletedGoesWholeWithoutACopy() throws IOException {
        Path dir = root.resolve("whole");
        try (FileSystemReplayStore store = smallSegments(dir)) {
            commit(store, "w-", 0, 3);
            Path firstSegment = regularFiles(dir).getFirst();
            commit(store, "w-", 3, 3); // seals the first segment
            long openSegmentBytes = Files.size(dir.resolve(regularFiles(dir).getLast()));
            for (int i = 0; i < 3; i++) {
                assertThat(store.delete("w-" + i)).isTrue();
            }

            assertThat(regularFiles(dir)).hasSize(1).doesNotContain(firstSegment);
            assertThat(Files.size(dir.resolve(regularFiles(dir).getLast()))).as("nothing copied").isEqualTo(openSegmentBytes);
            assertThat(store.get("w-4").orElseThrow().bytes()).isEqualTo(replay("w-4", 4));
        }
    }

    @Test
    void retentionCompactsAMostlyDeadSegmentOnlyOnceNothingLiveInItIsExpiring() throws IOException {
        Path dir = root.resolve("compact");
        List<ReplayRef> refs;
        Path firstSegment;
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir, ReplayStore.DEFAULT_MAX_REPLAY_BYTES, clock, 1)) {
            refs = new ArrayList<>();
            try (ReplayBatch batch = store.newBatch()) {
                for (int i = 0; i < 5; i++) {
                    // c-0 and c-1 ten days older than the rest
                    clock.now = i < 2 ? start : start.plus(Duration.ofDays(10));
                    refs.add(batch.put("c-" + i, replay("c-" + i, i)));
                }
                batch.commit();
            }
            firstSegment = regularFiles(dir).getFirst();
            commit(store, "c-", 5, 1); // seals the first segment
            store.delete("c-2");
            store.delete("c-3");

            store.listOlderThan(start.plus(Duration.ofDays(5)), 100);
            assertThat(regularFiles(dir)).as("c-0 and c-1 are about to expire").contains(firstSegment);
            store.delete("c-0");
            store.delete("c-1");
            store.listOlderThan(start.plus(Duration.ofDays(5)), 100);

            assertThat(regularFiles(dir)).doesNotContain(firstSegment);
            assertThat(store.get("c-4").orElseThrow().ref()).isEqualTo(refs.get(4));
        }
        try (FileSystemReplayStore reopened = new FileSystemReplayStore(dir)) {
            assertThat(reopened.get("c-4").orElseThrow().bytes()).isEqualTo(replay("c-4", 4));
            assertThat(reopened.get("c-4").orElseThrow().ref()).isEqualTo(refs.get(4));
            assertThat(reopened.exists("c-3")).isFalse();
            assertThat(reopened.listOlderThan(start.plus(Duration.ofDays(30)), 100)).extracting(ReplayRef::matchId)
                    .containsExactlyInAnyOrder("c-4", "c-5");
        }
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void replaysStoredOneFileEachBeforeSegmentsStillReadListAndDelete() throws IOException {
        Path dir = root.resolve("legacy");
        byte[] bytes = replay("old-1", 1);
        Path file = dir.resolve(StoreSupport.keyOf("old-1"));
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        Files.writeString(dir.resolve(StoreSupport.keyOf("old-1") + ".sha256"), StoreSupport.sha256Hex(bytes), StandardCharsets.US_ASCII);
        Instant storedAt = Instant.parse("2026-11-01T00:00:00Z");
        Files.setLastModifiedTime(file, FileTime.from(storedAt));

        try (FileSystemReplayStore store = new FileSystemReplayStore(dir)) {
            ReplayRef ref = store.get("old-1").orElseThrow().ref();
            assertThat(ref.sha256()).isEqualTo(StoreSupport.sha256Hex(bytes));
            assertThat(ref.storedAt()).isEqualTo(storedAt);
            try (InputStream in = store.open("old-1")) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            assertThat(store.put("old-1", replay("old-1", 2))).as("the old file stays the stored replay").isEqualTo(ref);
            assertThat(store.listOlderThan(Instant.parse("2026-11-02T00:00:00Z"), 10)).containsExactly(ref);
            assertThat(store.delete("old-1")).isTrue();
            assertThat(store.exists("old-1")).isFalse();
            assertThat(Files.exists(file)).isFalse();
        }
    }

    @Test
    void replayStoredBeforeSegmentsWhoseBytesChangedFailsWithHashMismatch() throws IOException {
        Path dir = root.resolve("legacy-tampered");
        byte[] bytes = replay("old-2", 1);
        Path file = dir.resolve(StoreSupport.keyOf("old-2"));
        Files.createDirectories(file.getParent());
        Files.write(file, replay("old-2", 2));
        Files.writeString(dir.resolve(StoreSupport.keyOf("old-2") + ".sha256"), StoreSupport.sha256Hex(bytes), StandardCharsets.US_ASCII);

        try (FileSystemReplayStore store = new FileSystemReplayStore(dir)) {
            assertReason(() -> store.get("old-2"), ReplayStoreException.Reason.HASH_MISMATCH);
            assertReason(() -> {
                try (InputStream in = store.open("old-2")) {
                    in.readAllBytes();
                }
            }, ReplayStoreException.Reason.HASH_MISMATCH);
        }
    }

    @Test
    void retentionListingSkipsStrayFilesWithOddNames() throws IOException {
        Path dir = root.resolve("strays");
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir)) {
            ReplayRef kept = store.put("m-real", replay("m-real", 5));
            Files.writeString(dir.resolve("odd name!.ludr"), "not a replay");
            Files.createDirectories(dir.resolve("00/00"));
            Files.writeString(dir.resolve("00/00/misplaced.ludr"), "not where its name hashes to");
            Files.writeString(dir.resolve(".ludr"), "no name at all");

            assertThat(store.listOlderThan(Instant.now().plusSeconds(60), 100)).containsExactly(kept);
        }
    }

    @Test
    void oversizedStreamLeavesNoFile() throws IOException {
        Path dir = root.resolve("partial");
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir, 10)) {
            assertReason(() -> store.put("m-big", new java.io.ByteArrayInputStream(new byte[11])), ReplayStoreException.Reason.TOO_LARGE);
        }
        assertThat(regularFiles(dir)).isEmpty();
    }

    @Test
    void batchReplaysStayInvisibleUntilCommitAndCloseDiscardsThemWithoutTrace() throws IOException {
        Path dir = root.resolve("uncommitted");
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir)) {
            try (ReplayBatch batch = store.newBatch()) {
                batch.put("u-1", replay("u-1", 1));
                batch.put("u-2", replay("u-2", 2));
                assertThat(store.exists("u-1")).isFalse();
            }

            assertThat(store.exists("u-1")).isFalse();
            assertThat(store.exists("u-2")).isFalse();
        }
        assertThat(regularFiles(dir)).isEmpty();
    }

    @Test
    void batchCommitFailsWhenAnotherWriterStoredADifferentReplayMeanwhile() {
        ReplayStore store = new FileSystemReplayStore(root.resolve("raced"));
        byte[] theirs = replay("r-1", 1);

        try (ReplayBatch batch = store.newBatch()) {
            batch.put("r-1", replay("r-1", 2));
            store.put("r-1", theirs);
            // the batch promised its own hash, so it must not commit as if its replay were stored
            assertReason(batch::commit, ReplayStoreException.Reason.BACKEND);
        }

        assertThat(store.get("r-1").orElseThrow().bytes()).isEqualTo(theirs);
    }

    @Test
    void batchTakesPutsFromManyThreadsAndCommitsThemAll() throws Exception {
        Path dir = root.resolve("threads");
        int count = 64;
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir)) {
            try (ReplayBatch batch = store.newBatch();
                 ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<ReplayRef>> refs = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    String matchId = "t-" + i;
                    long seed = i;
                    refs.add(pool.submit(() -> batch.put(matchId, replay(matchId, seed))));
                }
                for (Future<ReplayRef> ref : refs) {
                    ref.get();
                }
                batch.commit();
            }

            for (int i = 0; i < count; i++) {
                assertThat(store.get("t-" + i).orElseThrow().bytes()).isEqualTo(replay("t-" + i, i));
            }
        }
        assertThat(regularFiles(dir)).hasSize(1);
    }

    @Test
    void batchCannotBeUsedAfterCommit() {
        ReplayStore store = new FileSystemReplayStore(root.resolve("reuse"));
        ReplayBatch batch = store.newBatch();
        batch.put("c-1", replay("c-1", 1));
        batch.commit();

        assertThatThrownBy(() -> batch.put("c-2", replay("c-2", 2))).isInstanceOf(IllegalStateException.class);
        assertThat(store.exists("c-2")).isFalse();
        batch.close();
    }

    /** Every batch after the first starts a new segment, so segments seal and become reclaimable. */
    private static FileSystemReplayStore smallSegments(Path dir) {
        return new FileSystemReplayStore(dir, ReplayStore.DEFAULT_MAX_REPLAY_BYTES, Clock.tickMillis(ZoneOffset.UTC), 1);
    }

    /** Commits replays {@code prefix + first ..} (seeded by their number) as one batch. */
    private static List<ReplayRef> commit(ReplayStore store, String prefix, int first, int count) {
        List<ReplayRef> refs = new ArrayList<>();
        try (ReplayBatch batch = store.newBatch()) {
            for (int i = first; i < first + count; i++) {
                refs.add(batch.put(prefix + i, replay(prefix + i, i)));
            }
            batch.commit();
        }
        return refs;
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
