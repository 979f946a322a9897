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
import java.util.Optional;
import java.util.UUID;

/**
 * Accounts in PostgreSQL. A new account and its AccountCreated outbox row commit together; the
 * event is encoded (which may ask the schema registry) before the transaction opens, so a slow
 * registry never holds a connection or row locks.
 */
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
        Account candidate = new Account(UUID.randomUUID(), name, provider, now());
        OutboxEvent created = encode(candidate);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Account account = insertIfAbsent(connection, candidate);
                if (account == null) {
                    account = find(connection, provider, name);
                } else {
                    insertOutbox(connection, created);
                }
                connection.commit();
                return account;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AccountStoreException("could not find or create account " + provider.id() + "/" + name, e);
        }
    }

    /** Creates a password account with its hash, or returns empty when the name (in any case) is taken. */
    public Optional<Account> registerPassword(String name, String passwordHash) {
        Account candidate = new Account(UUID.randomUUID(), name, AuthProvider.PASSWORD, now());
        OutboxEvent created = encode(candidate);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (insertIfAbsent(connection, candidate) == null) {
                    connection.rollback();
                    return Optional.empty();
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO password_credentials (account_id, hash, updated_at) VALUES (?, ?, ?)")) {
                    insert.setObject(1, candidate.id());
                    insert.setString(2, passwordHash);
                    insert.setTimestamp(3, Timestamp.from(candidate.createdAt()));
                    insert.executeUpdate();
                }
                insertOutbox(connection, created);
                connection.commit();
                return Optional.of(candidate);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AccountStoreException("could not register password account " + name, e);
        }
    }

    /** The password account named {@code name} in any case, with its hash. */
    public Optional<PasswordAccount> findPassword(String name) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT a.id, a.name, a.created_at, c.hash FROM accounts a JOIN password_credentials c ON c.account_id = a.id "
                             + "WHERE a.auth_provider = ? AND lower(a.name) = lower(?)")) {
            select.setString(1, AuthProvider.PASSWORD.id());
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PasswordAccount(new Account(row.getObject(1, UUID.class), row.getString(2),
                        AuthProvider.PASSWORD, row.getTimestamp(3).toInstant()), row.getString(4)));
            }
        } catch (SQLException e) {
            throw new AccountStoreException("could not read password account " + name, e);
        }
    }

    public record PasswordAccount(Account account, String passwordHash) {}

    private OutboxEvent encode(Account account) {
        try {
            return events.accountCreated(account);
        } catch (SchemaRegistryException e) {
            throw new AccountStoreException("could not encode AccountCreated for " + account.provider().id() + "/" + account.name(), e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static Account insertIfAbsent(Connection connection, Account account) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO accounts (id, name, auth_provider, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
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
