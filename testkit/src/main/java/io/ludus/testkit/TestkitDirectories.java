package io.ludus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Fresh per-JVM directories under {@code ludus.testkit.dir} (surefire sets target/testkit), else under the temp dir. */
final class TestkitDirectories {

    static final String BASE_PROPERTY = "ludus.testkit.dir";

    private TestkitDirectories() {
    }

    static Path fresh(String name) {
        String configured = System.getProperty(BASE_PROPERTY);
        Path base = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "ludus-testkit")
                : Path.of(configured);
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a testkit directory under " + base
                    + " (set -D" + BASE_PROPERTY + " to a writable directory)", e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete testkit directory " + dir, e);
        }
    }
}
