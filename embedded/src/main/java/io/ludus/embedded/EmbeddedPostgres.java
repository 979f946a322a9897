package io.ludus.embedded;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server (zonky binaries) whose data directory persists across restarts. Before starting it
 * clears what a killed owner left behind: an orphaned postmaster still running on the directory, or a stale
 * {@code postmaster.pid}. Superuser {@value #USER}, no password (trust authentication on localhost).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final String DUPLICATE_DATABASE = "42P04";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    /** Initialises the data directory if it is new, clears crash leftovers, then starts and waits until it accepts queries. */
    public static EmbeddedPostgres start(EmbeddedPostgresConfig config) {
        Path dir = config.dataDirectory().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            Files.createDirectories(config.binariesDirectory());
            requireNoLiveOwner(dir);
            OrphanedPostmaster.clear(dir);
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(config.binariesDirectory().toFile())
                    .setPort(config.port())
                    .setPGStartupWait(Duration.ofSeconds(60));
            serverSettings(config).forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = new EmbeddedPostgres(builder.start(), dir);
            LOG.info("Embedded PostgreSQL started on port {} with data in {}", postgres.port(), dir);
            return postgres;
        } catch (EmbeddedStartupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedStartupException("cannot start PostgreSQL with data directory " + dir, e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** JDBC URL of {@code database} for user {@value #USER}; the database must exist (see {@link #createDatabaseIfMissing}). */
    public String jdbcUrl(String database) {
        requireDatabaseName(database);
        return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=" + USER;
    }

    public DataSource dataSource(String database) {
        requireDatabaseName(database);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(USER);
        return dataSource;
    }

    /** Creates the database unless it exists; names are lower-case identifiers ({@code [a-z_][a-z0-9_]*}, at most 63). */
    public void createDatabaseIfMissing(String name) {
        requireDatabaseName(name);
        try (Connection connection = dataSource("postgres").getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            // DDL takes no placeholders; the name is validated against DATABASE_NAME above
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new IllegalStateException("cannot create database " + name, e);
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                server.close();
            } catch (IOException e) {
                LOG.warn("PostgreSQL on {} did not stop cleanly", dataDirectory, e);
            }
        }
    }

    private static Map<String, String> serverSettings(EmbeddedPostgresConfig config) {
        Map<String, String> settings = new LinkedHashMap<>();
        // Debezium reads the outbox through a logical replication slot
        settings.put("wal_level", "logical");
        settings.put("max_replication_slots", "10");
        settings.put("max_wal_senders", "10");
        settings.put("max_connections", "100");
        // zonky turns this off; the standalone server's data must survive a crash
        settings.put("synchronous_commit", "on");
        settings.putAll(config.serverSettings());
        return settings;
    }

    // zonky holds a file lock on epg-lock while it runs; a lock we cannot take means a live owner
    private static void requireNoLiveOwner(Path dir) throws IOException {
        Path lockFile = dir.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new EmbeddedStartupException("PostgreSQL data directory " + dir + " is in use by another process");
            }
        } catch (OverlappingFileLockException e) {
            throw new EmbeddedStartupException("PostgreSQL data directory " + dir + " is in use by this JVM", e);
        }
    }

    private static void requireDatabaseName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + DATABASE_NAME + ", was " + name);
        }
    }
}
