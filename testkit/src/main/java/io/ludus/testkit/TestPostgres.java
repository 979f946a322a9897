package io.ludus.testkit;

import io.ludus.embedded.EmbeddedPostgres;
import io.ludus.embedded.EmbeddedPostgresConfig;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The test JVM's shared PostgreSQL; each test takes its own database. Injected by {@link PostgresExtension}. */
public final class TestPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final AtomicInteger sequence = new AtomicInteger();

    private TestPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static TestPostgres start() {
        Path dir = TestkitDirectories.fresh("postgres");
        return new TestPostgres(EmbeddedPostgres.start(EmbeddedPostgresConfig.of(dir)), dir);
    }

    /** Creates a new, empty database with a name no other call in this JVM returns. */
    public TestDatabase freshDatabase() {
        String name = "test_" + sequence.incrementAndGet();
        postgres.createDatabaseIfMissing(name);
        return new TestDatabase(name, postgres.jdbcUrl(name), EmbeddedPostgres.USER, "", postgres.dataSource(name));
    }

    public int port() {
        return postgres.port();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } finally {
            TestkitDirectories.deleteRecursively(dataDirectory);
        }
    }
}
