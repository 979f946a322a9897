package io.ludus.ingress.auth;

import io.ludus.ingress.IngressProperties;
import io.ludus.ingress.account.AccountStoreException;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque, single-use refresh tokens. Only their SHA-256 is stored. Each rotation continues the
 * login's family; presenting a token that was already used revokes the family.
 */
@Singleton
public class RefreshTokenStore {

    /** Base64url of 32 random bytes, without padding. */
    private static final int TOKEN_LENGTH = 43;

    private final DataSource dataSource;
    private final IngressProperties properties;
    private final SecureRandom random = new SecureRandom();

    RefreshTokenStore(DataSource dataSource, IngressProperties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    /** Starts a new family for a fresh login. */
    public String issue(UUID accountId) {
        try (Connection connection = dataSource.getConnection()) {
            return insert(connection, accountId, UUID.randomUUID(), now());
        } catch (SQLException e) {
            throw new AccountStoreException("could not store a refresh token for " + accountId, e);
        }
    }

    /** Spends {@code token} and returns its account and the family's next token. */
    public Rotation rotate(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            throw new ApiException(ApiErrorCode.INVALID_REFRESH_TOKEN, "refresh token is not one this server issued");
        }
        byte[] hash = sha256(token);
        Instant now = now();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Rotation rotation = rotate(connection, hash, now);
                connection.commit();
                return rotation;
            } catch (ApiException e) {
                // A reuse revoked the family: that must stick even though the request fails.
                connection.commit();
                throw e;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AccountStoreException("could not rotate a refresh token", e);
        }
    }

    private Rotation rotate(Connection connection, byte[] hash, Instant now) throws SQLException {
        StoredToken stored;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT account_id, family_id, expires_at, used_at FROM refresh_tokens WHERE token_hash = ? FOR UPDATE")) {
            select.setBytes(1, hash);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new ApiException(ApiErrorCode.INVALID_REFRESH_TOKEN, "refresh token is not one this server issued");
                }
                Timestamp usedAt = row.getTimestamp(4);
                stored = new StoredToken(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getTimestamp(3).toInstant(), usedAt == null ? null : usedAt.toInstant());
            }
        }
        return switch (stored.check(now)) {
            case REUSED -> {
                revokeFamily(connection, stored.familyId(), now);
                throw new ApiException(ApiErrorCode.REFRESH_TOKEN_REUSED, "refresh token was already used; log in again");
            }
            case EXPIRED -> throw new ApiException(ApiErrorCode.REFRESH_TOKEN_EXPIRED, "refresh token has expired; log in again");
            case VALID -> {
                try (PreparedStatement spend = connection.prepareStatement(
                        "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?")) {
                    spend.setTimestamp(1, Timestamp.from(now));
                    spend.setBytes(2, hash);
                    spend.executeUpdate();
                }
                try (PreparedStatement purge = connection.prepareStatement(
                        "DELETE FROM refresh_tokens WHERE account_id = ? AND expires_at < ?")) {
                    purge.setObject(1, stored.accountId());
                    purge.setTimestamp(2, Timestamp.from(now));
                    purge.executeUpdate();
                }
                yield new Rotation(stored.accountId(), insert(connection, stored.accountId(), stored.familyId(), now));
            }
        };
    }

    private String insert(Connection connection, UUID accountId, UUID familyId, Instant now) throws SQLException {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO refresh_tokens (token_hash, account_id, family_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setBytes(1, sha256(token));
            insert.setObject(2, accountId);
            insert.setObject(3, familyId);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setTimestamp(5, Timestamp.from(now.plus(properties.refreshTokenTtl())));
            insert.executeUpdate();
        }
        return token;
    }

    private static void revokeFamily(Connection connection, UUID familyId, Instant now) throws SQLException {
        try (PreparedStatement revoke = connection.prepareStatement(
                "UPDATE refresh_tokens SET used_at = ? WHERE family_id = ? AND used_at IS NULL")) {
            revoke.setTimestamp(1, Timestamp.from(now));
            revoke.setObject(2, familyId);
            revoke.executeUpdate();
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public record Rotation(UUID accountId, String refreshToken) {}

    enum Check { VALID, EXPIRED, REUSED }

    record StoredToken(UUID accountId, UUID familyId, Instant expiresAt, Instant usedAt) {
        Check check(Instant now) {
            if (usedAt != null) {
                return Check.REUSED;
            }
            return now.isBefore(expiresAt) ? Check.VALID : Check.EXPIRED;
        }
    }
}
