package io.ludus.registry;

import io.ludus.embedded.EmbeddedKafka;
import io.ludus.embedded.EmbeddedKafkaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One embedded broker per test JVM, closed by JUnit when the run ends. */
final class SharedKafka implements BeforeAllCallback {
    private static volatile EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(EmbeddedKafka.class, type -> startKafka(), EmbeddedKafka.class);
    }

    static String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    private static EmbeddedKafka startKafka() {
        try {
            Path base = Path.of(System.getProperty("ludus.testkit.dir", "target/testkit"));
            Files.createDirectories(base);
            return EmbeddedKafka.start(EmbeddedKafkaConfig.of(Files.createTempDirectory(base, "kafka-")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
