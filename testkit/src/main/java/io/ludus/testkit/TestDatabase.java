package io.ludus.testkit;

import javax.sql.DataSource;

/**
 * A database created for one test. Authentication is trust on localhost, so any password works;
 * {@code password} is empty.
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password, DataSource dataSource) {
}
