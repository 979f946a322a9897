package io.ludus.ingress.account;

import io.ludus.events.registry.SchemaRegistryException;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Accounts in PostgreSQL. A new account and its AccountCreated outbox row commit together. */
@Singleton
public class AccountRepository {

    private final DataSource dataSource;
    private final AccountEventEncoder events;

    AccountRepository(DataSource dataSource, AccountEventEncoder events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    /** Returns the account with this provider and name, creating it (and its outbox event) if there is none. */
    public Account findOrCreate(AuthProvider provider, String name) {
        UUID candidateId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Account account = insertIfAbsent(connection, new Account(candidateId, name, provider, now));
                if (account == null) {
                    account = find(connection, provider, name);
                } else {
                    insertOutbox(connection, events.accountCreated(account));
                }
                connection.commit();
                return account;
            } catch (SchemaRegistryException e) {
                connection.rollback();
                throw new AccountStoreException("could not encode AccountCreated for " + provider.id() + "/" + name, e);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AccountStoreException("could not find or create account " + provider.id() + "/" + name, e);
        }
    }

    private static Account insertIfAbsent(Connection connection, Account account) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO accounts (id, name, auth_provider, created_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (auth_provider, name) DO NOTHING")) {
            insert.setObject(1, account.id());
            insert.setString(2, account.name());
            insert.setString(3, account.provider().id());
            insert.setTimestamp(4, Timestamp.from(account.createdAt()));
            return insert.executeUpdate() == 1 ? account : null;
        }
    }

    private static Account find(Connection connection, AuthProvider provider, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, created_at FROM accounts WHERE auth_provider = ? AND name = ?")) {
            select.setString(1, provider.id());
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("account " + provider.id() + "/" + name + " vanished after a conflicting insert");
                }
                return new Account(row.getObject(1, UUID.class), name, provider, row.getTimestamp(2).toInstant());
            }
        }
    }

    private static void insertOutbox(Connection connection, OutboxEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, occurred_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, event.id());
            insert.setString(2, event.topic());
            insert.setString(3, event.key());
            insert.setString(4, event.type());
            insert.setBytes(5, event.payload());
            insert.setTimestamp(6, Timestamp.from(event.occurredAt()));
            insert.executeUpdate();
        }
    }
}
