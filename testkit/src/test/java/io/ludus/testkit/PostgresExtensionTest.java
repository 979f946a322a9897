package io.ludus.testkit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(60)
@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {

    @Test
    void freshDatabasesAreDistinctAndIsolated(TestPostgres postgres) throws Exception {
        TestDatabase first = postgres.freshDatabase();
        TestDatabase second = postgres.freshDatabase();
        assertThat(first.name()).isNotEqualTo(second.name());
        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());

        try (Connection connection = first.dataSource().getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE only_in_first (id int)");
        }
        try (Connection connection = DriverManager.getConnection(second.jdbcUrl(), second.user(), second.password());
             PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
            query.setString(1, "only_in_first");
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isZero();
            }
        }
    }

    @Test
    void freshDatabaseAcceptsConnectionsThroughItsJdbcUrl(TestPostgres postgres) throws Exception {
        TestDatabase database = postgres.freshDatabase();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(database.name());
        }
    }
}
