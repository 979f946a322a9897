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
}
