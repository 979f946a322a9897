package io.ludus.replay.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FileSystemReplayStoreTest extends ReplayStoreContract {

    @TempDir
    Path root;

    private int stores;

    @Override
    ReplayStore newStore(long maxReplayBytes) {
        return new FileSystemReplayStore(root.resolve("store-" + stores++), maxReplayBytes);
    }

    @Test
    void fansOutIntoTwoDirectoryLevelsAndLeavesNoTempFiles() throws IOException {
        Path dir = root.resolve("fan");
        ReplayStore store = new FileSystemReplayStore(dir);
        store.put("m-fan", replay("m-fan", 1));
        store.put("m-fan", replay("m-fan", 1));

        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).map(dir::relativize).toList();
        }
        assertThat(files).hasSize(2);
        assertThat(files).allSatisfy(file -> assertThat(file.getNameCount()).isEqualTo(3));
        assertThat(files.stream().map(Path::toString).sorted()).satisfiesExactly(
                replay -> assertThat(replay).matches("[0-9a-f]{2}/[0-9a-f]{2}/m-fan\\.ludr"),
                hash -> assertThat(hash).matches("[0-9a-f]{2}/[0-9a-f]{2}/m-fan\\.ludr\\.sha256"));
    }

    @Test
    void readsFailWithHashMismatchWhenStoredBytesChangeAfterTheWrite() throws IOException {
        Path dir = root.resolve("tampered");
        ReplayStore store = new FileSystemReplayStore(dir);
        byte[] original = replay("m-tampered", 3);
        ReplayRef ref = store.put("m-tampered", original);
        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 0x01;
        Files.write(dir.resolve(ref.key()), flipped);

        assertReason(() -> store.get("m-tampered"), ReplayStoreException.Reason.HASH_MISMATCH);
        assertReason(() -> store.stat("m-tampered"), ReplayStoreException.Reason.HASH_MISMATCH);
        assertReason(() -> {
            try (java.io.InputStream in = store.open("m-tampered")) {
                in.readAllBytes();
            }
        }, ReplayStoreException.Reason.HASH_MISMATCH);
    }

    @Test
    void openStreamsAnIntactReplayToItsEnd() throws IOException {
        ReplayStore store = new FileSystemReplayStore(root.resolve("intact"));
        byte[] bytes = replay("m-intact", 4);
        store.put("m-intact", bytes);

        try (java.io.InputStream in = store.open("m-intact")) {
            assertThat(in.skip(10)).isEqualTo(10);
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 10, bytes.length));
        }
    }

    @Test
    void retentionListingSkipsStrayFilesWithOddNames() throws IOException {
        Path dir = root.resolve("strays");
        ReplayStore store = new FileSystemReplayStore(dir);
        ReplayRef kept = store.put("m-real", replay("m-real", 5));
        Files.writeString(dir.resolve("odd name!.ludr"), "not a replay");
        Files.createDirectories(dir.resolve("00/00"));
        Files.writeString(dir.resolve("00/00/misplaced.ludr"), "not where its name hashes to");
        Files.writeString(dir.resolve(".ludr"), "no name at all");

        assertThat(store.listOlderThan(java.time.Instant.now().plusSeconds(60), 100)).containsExactly(kept);
    }

    @Test
    void oversizedStreamLeavesNoPartialFile() throws IOException {
        Path dir = root.resolve("partial");
        ReplayStore store = new FileSystemReplayStore(dir, 10);
        assertReason(() -> store.put("m-big", new java.io.ByteArrayInputStream(new byte[11])), ReplayStoreException.Reason.TOO_LARGE);

        try (Stream<Path> walk = Files.walk(dir)) {
            assertThat(walk.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void batchReplaysStayInvisibleUntilCommitAndCloseDiscardsThemWithoutTrace() throws IOException {
        Path dir = root.resolve("uncommitted");
        ReplayStore store = new FileSystemReplayStore(dir);

        try (ReplayBatch batch = store.newBatch()) {
            batch.put("u-1", replay("u-1", 1));
            batch.put("u-2", replay("u-2", 2));
            assertThat(store.exists("u-1")).isFalse();
        }

        assertThat(store.exists("u-1")).isFalse();
        assertThat(store.exists("u-2")).isFalse();
        try (Stream<Path> walk = Files.walk(dir)) {
            assertThat(walk.filter(Files::isRegularFile).toList()).isEmpty();
        }
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
        ReplayStore store = new FileSystemReplayStore(dir);
        int count = 64;

        try (ReplayBatch batch = store.newBatch();
             java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<ReplayRef>> refs = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                String matchId = "t-" + i;
                long seed = i;
                refs.add(pool.submit(() -> batch.put(matchId, replay(matchId, seed))));
            }
            for (java.util.concurrent.Future<ReplayRef> ref : refs) {
                ref.get();
            }
            batch.commit();
        }

        for (int i = 0; i < count; i++) {
            assertThat(store.get("t-" + i).orElseThrow().bytes()).isEqualTo(replay("t-" + i, i));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            assertThat(walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".part")).toList()).isEmpty();
        }
    }

    @Test
    void batchCannotBeUsedAfterCommit() {
        ReplayStore store = new FileSystemReplayStore(root.resolve("reuse"));
        ReplayBatch batch = store.newBatch();
        batch.put("c-1", replay("c-1", 1));
        batch.commit();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> batch.put("c-2", replay("c-2", 2)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.exists("c-2")).isFalse();
        batch.close();
    }
}
