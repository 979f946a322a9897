package io.ludus.embedded;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
@Timeout(120)
class EmbeddedPostgresTest {

    @TempDir
    Path dir;

    @Test
    void keepsCommittedRowsAcrossRestart() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(dir))) {
            postgres.createDatabaseIfMissing("game");
            try (Connection connection = postgres.dataSource("game").getConnection()) {
                execute(connection, "CREATE TABLE notes (body text NOT NULL)");
                insertNote(connection, "survives restart");
            }
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(dir))) {
            postgres.createDatabaseIfMissing("game");
            try (Connection connection = postgres.dataSource("game").getConnection()) {
                assertThat(notes(connection)).containsExactly("survives restart");
            }
        }
    }

    @Test
    void servesJdbcUrlsWithLogicalReplicationEnabled() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(dir));
             Connection connection = java.sql.DriverManager.getConnection(postgres.jdbcUrl("postgres"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW wal_level")) {
            assertThat(postgres.jdbcUrl("postgres")).contains(":" + postgres.port() + "/postgres");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("logical");
        }
    }

    @Test
    void stopsAnOrphanedPostmasterLeftByAKilledJvm() throws Exception {
        Path data = dir.resolve("pg");
        long orphanPid;
        try (ChildJvm child = ChildJvm.start(PostgresChildMain.class, dir.resolve("child.log"), data.toString(), "before crash")) {
            child.awaitReady(Duration.ofSeconds(90));
            child.kill();
        }
        orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
        assertThat(ProcessHandle.of(orphanPid)).as("the postmaster outlived its JVM").hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(data));
             Connection connection = postgres.dataSource("postgres").getConnection()) {
            assertThat(notes(connection)).containsExactly("before crash");
            assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).isEmpty();
        }
    }

    @Test
    void startsDespiteAPidFileNamingAnUnrelatedLiveProcess() throws Exception {
        EmbeddedPostgres.start(EmbeddedPostgresConfig.of(dir)).close();
        // a live process that is not a postgres (nor an ancestor of the new one): PostgreSQL alone would refuse to start
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            Files.writeString(dir.resolve("postmaster.pid"),
                    unrelated.pid() + "\n" + dir.toAbsolutePath() + "\n1700000000\n5432\n/tmp\nlocalhost\n  0  0\nready   \n");

            try (EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(dir));
                 Connection connection = postgres.dataSource("postgres").getConnection()) {
                assertThat(connection.isValid(5)).isTrue();
                assertThat(unrelated.isAlive()).isTrue();
            }
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void refusesADataDirectoryInUseWithoutDisturbingTheRunningServer() throws Exception {
        try (EmbeddedPostgres running = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(dir))) {
            assertThatThrownBy(() -> EmbeddedPostgres.start(EmbeddedPostgresConfig.of(dir)))
                    .isInstanceOf(EmbeddedStartupException.class)
                    .hasMessageContaining("in use");
            try (Connection connection = running.dataSource("postgres").getConnection()) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(dir))) {
            assertThatThrownBy(() -> postgres.createDatabaseIfMissing("x\"; DROP DATABASE postgres; --"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("database name");
            postgres.createDatabaseIfMissing("twice");
            postgres.createDatabaseIfMissing("twice");
            try (Connection connection = postgres.dataSource("twice").getConnection()) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void insertNote(Connection connection, String body) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (body) VALUES (?)")) {
            insert.setString(1, body);
            insert.executeUpdate();
        }
    }

    private static List<String> notes(Connection connection) throws SQLException {
        List<String> notes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT body FROM notes ORDER BY body")) {
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
        }
        return notes;
    }
}
