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
        assertThat(files).hasSize(1);
        assertThat(files.getFirst().getNameCount()).isEqualTo(3);
        assertThat(files.getFirst().toString()).matches("[0-9a-f]{2}/[0-9a-f]{2}/m-fan\\.ludr");
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
