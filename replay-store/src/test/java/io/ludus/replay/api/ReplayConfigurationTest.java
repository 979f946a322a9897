package io.ludus.replay.api;

import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.S3ReplayStore;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Startup with good and bad {@code ludus.replay.*} config, without an HTTP server. */
class ReplayConfigurationTest {

    private static final String SHARE_SECRET = "test-only-share-secret-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void defaultsToTheFilesystemStore() {
        try (ApplicationContext context = start(Map.of("ludus.replay.fs.directory", dir.toString()))) {
            assertThat(context.getBean(ReplayStore.class)).isInstanceOf(FileSystemReplayStore.class);
        }
    }

    @Test
    void buildsTheS3StoreFromConfig() {
        try (ApplicationContext context = start(Map.of("ludus.replay.store", "s3", "ludus.replay.s3.bucket", "replays",
                "ludus.replay.s3.endpoint", "http://127.0.0.1:1", "ludus.replay.s3.access-key", "a", "ludus.replay.s3.secret-key", "b"))) {
            assertThat(context.getBean(ReplayStore.class)).isInstanceOf(S3ReplayStore.class);
        }
    }

    @Test
    void failsStartupNamingTheMissingBucket() {
        assertStartupFailsNaming(Map.of("ludus.replay.store", "s3"), "ludus.replay.s3.bucket");
    }

    @Test
    void failsStartupNamingAHalfConfiguredCredential() {
        assertStartupFailsNaming(Map.of("ludus.replay.store", "s3", "ludus.replay.s3.bucket", "b", "ludus.replay.s3.access-key", "a"),
                "ludus.replay.s3.secret-key");
    }

    @Test
    void failsStartupNamingAShortShareSecret() {
        Map<String, Object> config = new HashMap<>(Map.of("ludus.replay.fs.directory", dir.toString()));
        config.put("ludus.replay.share.secret", "short");
        assertStartupFailsNaming(config, "ludus.replay.share.secret");
    }

    @Test
    void failsStartupNamingANonPositiveSizeLimit() {
        assertStartupFailsNaming(Map.of("ludus.replay.max-replay-bytes", "0"), "ludus.replay.max-replay-bytes");
    }

    @Test
    void failsStartupNamingANonPositiveRetentionAge() {
        assertStartupFailsNaming(Map.of("ludus.replay.fs.directory", dir.toString(), "ludus.replay.retention.max-age", "0s"),
                "ludus.replay.retention.max-age");
    }

    private ApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("ludus.replay.share.secret", SHARE_SECRET);
        all.put("ludus.replay.fs.directory", dir.toString());
        all.putAll(properties);
        return ApplicationContext.run(all);
    }

    private void assertStartupFailsNaming(Map<String, Object> properties, String field) {
        assertThatThrownBy(() -> start(properties).close())
                .satisfies(e -> assertThat(messages(e)).contains(field));
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
