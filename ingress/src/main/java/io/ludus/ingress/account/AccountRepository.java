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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

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

    /** An account as the operator sees it: with its current ban, if any (an expired one is none). */
    public record AccountStanding(Account account, Ban ban) {
        public boolean banned() {
            return ban != null;
        }
    }

    /** {@code until} null: permanent. */
    public record Ban(String reason, Instant until, Instant bannedAt, String bannedBy) {}

    /** Accounts whose name contains {@code fragment} (any case) or whose id is {@code fragment}, by name, at most {@code limit}. */
    public List<AccountStanding> search(String fragment, int limit) {
        String like = "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        UUID id = parseUuid(fragment);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT a.id, a.name, a.auth_provider, a.created_at, b.reason, b.until, b.banned_at, b.banned_by "
                             + "FROM accounts a LEFT JOIN account_bans b ON b.account_id = a.id AND (b.until IS NULL OR b.until > now()) "
                             + "WHERE lower(a.name) LIKE lower(?) OR a.id = ? ORDER BY lower(a.name), a.id LIMIT ?")) {
            select.setString(1, like);
            select.setObject(2, id);
            select.setInt(3, limit);
            List<AccountStanding> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(standing(row));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new AccountStoreException("could not search accounts", e);
        }
    }

    public Optional<AccountStanding> standing(UUID accountId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT a.id, a.name, a.auth_provider, a.created_at, b.reason, b.until, b.banned_at, b.banned_by "
                             + "FROM accounts a LEFT JOIN account_bans b ON b.account_id = a.id AND (b.until IS NULL OR b.until > now()) "
                             + "WHERE a.id = ?")) {
            select.setObject(1, accountId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(standing(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AccountStoreException("could not read account " + accountId, e);
        }
    }

    /**
     * Bans the account (replacing any ban it has) and publishes AccountBanned through the outbox in the same
     * transaction. Empty when there is no such account.
     */
    public Optional<AccountStanding> ban(UUID accountId, String reason, Instant until, String by) {
        Instant at = now();
        return changeBan(accountId, account -> events.accountBanned(account, reason, until, at), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO account_bans (account_id, reason, until, banned_at, banned_by) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (account_id) DO UPDATE SET reason = excluded.reason, until = excluded.until, "
                            + "banned_at = excluded.banned_at, banned_by = excluded.banned_by")) {
                upsert.setObject(1, accountId);
                upsert.setString(2, reason);
                upsert.setTimestamp(3, until == null ? null : Timestamp.from(until));
                upsert.setTimestamp(4, Timestamp.from(at));
                upsert.setString(5, by);
                upsert.executeUpdate();
            }
            // the ban ends every session: no refresh, and each node's family check closes the sockets (4006)
            try (PreparedStatement revoke = connection.prepareStatement(
                    "UPDATE refresh_families SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL")) {
                revoke.setTimestamp(1, Timestamp.from(at));
                revoke.setObject(2, accountId);
                revoke.executeUpdate();
                return true;
            }
        });
    }

    /** Lifts the account's ban and publishes AccountUnbanned; an account that is not banned is left as it is. */
    public Optional<AccountStanding> unban(UUID accountId) {
        Instant at = now();
        return changeBan(accountId, account -> events.accountUnbanned(account, at), connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM account_bans WHERE account_id = ?")) {
                delete.setObject(1, accountId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private interface BanChange {
        /** Whether the account's ban changed (then its event is published). */
        boolean apply(Connection connection) throws SQLException;
    }

    private Optional<AccountStanding> changeBan(UUID accountId, Function<Account, OutboxEvent> encode, BanChange change) {
        Optional<AccountStanding> before = standing(accountId);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        OutboxEvent event;
        try {
            event = encode.apply(before.get().account()); // before the transaction: see the class comment
        } catch (SchemaRegistryException e) {
            throw new AccountStoreException("could not encode the ban change of " + accountId, e);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // the row lock orders concurrent bans of one account, so the outbox order matches the table
                try (PreparedStatement lock = connection.prepareStatement("SELECT 1 FROM accounts WHERE id = ? FOR UPDATE")) {
                    lock.setObject(1, accountId);
                    lock.executeQuery().close();
                }
                if (change.apply(connection)) {
                    insertOutbox(connection, event);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AccountStoreException("could not change the ban of " + accountId, e);
        }
        return standing(accountId);
    }

    private static AccountStanding standing(ResultSet row) throws SQLException {
        Account account = new Account(row.getObject(1, UUID.class), row.getString(2), provider(row.getString(3)),
                row.getTimestamp(4).toInstant());
        String reason = row.getString(5);
        Timestamp until = row.getTimestamp(6);
        Ban ban = reason == null ? null : new Ban(reason, until == null ? null : until.toInstant(),
                row.getTimestamp(7).toInstant(), row.getString(8));
        return new AccountStanding(account, ban);
    }

    private static AuthProvider provider(String id) {
        for (AuthProvider p : AuthProvider.values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalStateException("unknown auth provider '" + id + "' in accounts");
    }

    private static UUID parseUuid(String s) {
        try {
            return s.length() == 36 ? UUID.fromString(s) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

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
