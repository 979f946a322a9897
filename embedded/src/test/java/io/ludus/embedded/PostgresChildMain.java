package io.ludus.embedded;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;

/** Child process for the crash test: starts PostgreSQL on args[0], commits row args[1], then waits to be killed. */
public final class PostgresChildMain {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(Path.of(args[0])));
        try (Connection connection = postgres.dataSource("postgres").getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS notes (body text NOT NULL)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes (body) VALUES (?)")) {
                insert.setString(1, args[1]);
                insert.executeUpdate();
            }
        }
        System.out.println(ChildJvm.READY + " " + postgres.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
