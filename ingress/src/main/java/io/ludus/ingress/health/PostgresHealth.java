package io.ludus.ingress.health;

import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

@Singleton
final class PostgresHealth extends DependencyHealth {

    private final DataSource dataSource;

    PostgresHealth(DataSource dataSource) {
        super("postgres");
        this.dataSource = dataSource;
    }

    @Override
    Map<String, Object> probe() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) PROBE_TIMEOUT.toSeconds())) {
                throw new SQLException("connection did not validate within " + PROBE_TIMEOUT);
            }
            return Map.of("database", connection.getMetaData().getDatabaseProductName());
        }
    }
}
