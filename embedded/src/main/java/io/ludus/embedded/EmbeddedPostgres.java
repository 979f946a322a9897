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
import java.nio.file.attribute.PosixFilePermissions;
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
 * {@code postmaster.pid}. Superuser {@value #USER}: with a configured password every connection uses SCRAM
 * (trust is gone, so no other local user can act as the superuser); without one, trust on localhost (tests).
 * Services should not connect as the superuser: see {@link #provisionApplicationRole}.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final Pattern ROLE_NAME = DATABASE_NAME;
    private static final String SCRAM = "scram-sha-256";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final Path dataDirectory;
    private final String superuserPassword;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path dataDirectory,
                             String superuserPassword) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.superuserPassword = superuserPassword;
    }

    /**
     * Stops a postmaster that a killed owner left running on this data directory, so that it no longer holds its port;
     * nothing happens when there is none. {@link #start} does this too; a caller that checks ports first calls it first.
     */
    public static void stopOrphan(Path dataDirectory) {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            requireNoLiveOwner(dir);
            OrphanedPostmaster.clear(dir);
        } catch (IOException e) {
            throw new EmbeddedStartupException("could not stop the PostgreSQL left running on " + dir + ": " + e.getMessage(), e);
        }
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
            Path passwordFile = null;
            if (config.superuserPassword() != null) {
                // initdb's own options, passed after zonky's "-A trust" so they win: a new cluster never trusts anyone
                passwordFile = Files.createTempFile(config.binariesDirectory(), "pwfile", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(passwordFile, config.superuserPassword());
                builder.setLocaleConfig("auth", SCRAM).setLocaleConfig("pwfile", passwordFile.toString());
                // zonky's own readiness check logs in as the superuser
                builder.setConnectConfig("password", config.superuserPassword());
            }
            EmbeddedPostgres postgres;
            try {
                postgres = new EmbeddedPostgres(builder.start(), dir, config.superuserPassword());
            } finally {
                if (passwordFile != null) {
                    Files.deleteIfExists(passwordFile);
                }
            }
            if (config.superuserPassword() != null) {
                try {
                    postgres.convertTrustToScram();
                } catch (IOException | RuntimeException e) {
                    postgres.close();
                    throw e;
                }
            }
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
        return "jdbc:postgresql://localhost:" + port() + "/" + database
                + (superuserPassword == null ? "?user=" + USER : "");
    }

    public DataSource dataSource(String database) {
        requireDatabaseName(database);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"localhost"});
        dataSource.setPortNumbers(new int[] {port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(USER);
        dataSource.setPassword(superuserPassword);
        return dataSource;
    }

    /**
     * Creates (or updates the password of) a login role that is not a superuser and may not create
     * databases or roles, and gives it the {@code public} schema of {@code database} and every relation in
     * it. It may replicate and create objects in {@code database} (schemas, publications), which the outbox
     * relay's slot and publication need. Services connect as this role.
     */
    public void provisionApplicationRole(String database, String role, String password) {
        requireDatabaseName(database);
        if (role == null || !ROLE_NAME.matcher(role).matches() || role.equals(USER)) {
            throw new IllegalArgumentException("role name must match " + ROLE_NAME + " and not be " + USER + ", was " + role);
        }
        if (password == null || password.length() < 16) {
            throw new IllegalArgumentException("the password of role " + role + " must be at least 16 characters");
        }
        try (Connection connection = dataSource(database).getConnection()) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                query.setString(1, role);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            // DDL takes no placeholders: format() quotes the name and the password on the server
            execute(connection, "SELECT format('%s ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE REPLICATION PASSWORD %L',"
                    + " ?::text, ?::text, ?::text)", exists ? "ALTER" : "CREATE", role, password);
            // CREATE: the outbox relay's publication is a database object
            execute(connection, "SELECT format('GRANT CONNECT, CREATE ON DATABASE %I TO %I', ?::text, ?::text)", database, role);
            execute(connection, "SELECT format('ALTER SCHEMA public OWNER TO %I', ?::text)", role);
            // relations a superuser created before the role existed (an older data directory)
            try (PreparedStatement owned = connection.prepareStatement("""
                    SELECT format('ALTER %s %I.%I OWNER TO %I',
                                  CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
                                                 WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                                  n.nspname, c.relname, ?::text)
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
                      AND pg_get_userbyid(c.relowner) <> ?
                      AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                               WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))""");
                 PreparedStatement publications = connection.prepareStatement(
                    "SELECT format('ALTER PUBLICATION %I OWNER TO %I', pubname, ?::text) FROM pg_publication"
                            + " WHERE pg_get_userbyid(pubowner) <> ?")) {
                for (PreparedStatement statements : new PreparedStatement[] {owned, publications}) {
                    statements.setString(1, role);
                    statements.setString(2, role);
                    java.util.List<String> ddl = new java.util.ArrayList<>();
                    try (ResultSet rows = statements.executeQuery()) {
                        while (rows.next()) {
                            ddl.add(rows.getString(1));
                        }
                    }
                    try (Statement alter = connection.createStatement()) {
                        for (String sql : ddl) {
                            alter.execute(sql);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot provision role " + role + " in database " + database, e);
        }
    }

    /** Runs the statement that {@code builder} (a SELECT format(...) with placeholders) produces. */
    private static void execute(Connection connection, String builder, String... arguments) throws SQLException {
        String sql;
        try (PreparedStatement format = connection.prepareStatement(builder)) {
            for (int i = 0; i < arguments.length; i++) {
                format.setString(i + 1, arguments[i]);
            }
            try (ResultSet rows = format.executeQuery()) {
                rows.next();
                sql = rows.getString(1);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * A data directory made before passwords existed still trusts every local user: give the superuser
     * its password (over the trusted connection, the last one) and switch every rule to SCRAM.
     */
    private void convertTrustToScram() throws IOException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        String rules = Files.readString(hba);
        if (!rules.lines().anyMatch(EmbeddedPostgres::isTrustRule)) {
            return;
        }
        PGSimpleDataSource trusted = (PGSimpleDataSource) dataSource("postgres");
        trusted.setPassword(null);
        try (Connection connection = trusted.getConnection()) {
            execute(connection, "SELECT format('ALTER ROLE %I PASSWORD %L', ?::text, ?::text)", USER, superuserPassword);
            String converted = rules.lines()
                    .map(line -> isTrustRule(line) ? line.replaceAll("\\btrust\\b", SCRAM) : line)
                    .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
            Files.writeString(hba, converted);
            try (Statement reload = connection.createStatement()) {
                reload.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new EmbeddedStartupException("cannot switch PostgreSQL in " + dataDirectory + " from trust to SCRAM", e);
        }
        LOG.info("PostgreSQL in {} no longer trusts local users: SCRAM passwords from now on", dataDirectory);
    }

    private static boolean isTrustRule(String line) {
        String rule = line.strip();
        return !rule.startsWith("#") && rule.matches(".*\\btrust\\b.*");
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
