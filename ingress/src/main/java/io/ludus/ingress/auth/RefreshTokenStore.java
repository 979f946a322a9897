package io.ludus.ingress.auth;

import io.ludus.ingress.IngressProperties;
import io.ludus.ingress.account.AccountStoreException;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
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
 * Opaque, single-use refresh tokens; only their SHA-256 is stored. A login starts a family (the
 * session, {@code sid} in access tokens) with an absolute lifetime. Each rotation spends a token
 * and issues its successor, derived from it with a server key: a retry within the grace window
 * (the client lost the response) recomputes the same successor instead of counting as reuse, as
 * long as that successor is unused. Any other reuse revokes the family.
 */
@Singleton
public class RefreshTokenStore {

    private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenStore.class);
    /** Base64url of 32 bytes, without padding. */
    private static final int TOKEN_LENGTH = 43;

    private final DataSource dataSource;
    private final IngressProperties properties;
    private final AuthProperties auth;
    private final byte[] successorKey;
    private final SecureRandom random = new SecureRandom();

    RefreshTokenStore(DataSource dataSource, IngressProperties properties, AuthProperties auth,
                      @Value("${" + io.ludus.security.JwtKeyCheck.SECRET + ":}") String secret) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.auth = auth;
        this.successorKey = hmac(secret.getBytes(StandardCharsets.UTF_8), "ludus refresh-token successor v1");
    }

    /** Starts a new family (session) for a fresh login. */
    public Issued issue(UUID accountId) {
        Instant now = now();
        UUID familyId = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO refresh_families (family_id, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
                    insert.setObject(1, familyId);
                    insert.setObject(2, accountId);
                    insert.setTimestamp(3, Timestamp.from(now));
                    insert.setTimestamp(4, Timestamp.from(now.plus(auth.sessionLifetime())));
                    insert.executeUpdate();
                }
                byte[] secret = new byte[32];
                random.nextBytes(secret);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
                insertToken(connection, token, accountId, familyId, now, now.plus(auth.sessionLifetime()));
                connection.commit();
                return new Issued(token, familyId);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AccountStoreException("could not store a refresh token for " + accountId, e);
        }
    }

    /** Spends {@code token} and returns its account, session and the family's next token. */
    public Rotation rotate(String token) {
        if (token == null || token.length() != TOKEN_LENGTH) {
            throw new ApiException(ApiErrorCode.INVALID_REFRESH_TOKEN, "refresh token is not one this server issued");
        }
        Instant now = now();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Rotation rotation = rotate(connection, token, now);
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

    private Rotation rotate(Connection connection, String token, Instant now) throws SQLException {
        byte[] hash = sha256(token);
        UUID accountId;
        UUID familyId;
        Instant expiresAt;
        Instant usedAt;
        byte[] successorHash;
        Instant familyExpiresAt;
        boolean revoked;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT t.account_id, t.family_id, t.expires_at, t.used_at, t.successor_hash, f.expires_at, f.revoked_at "
                        + "FROM refresh_tokens t JOIN refresh_families f ON f.family_id = t.family_id "
                        + "WHERE t.token_hash = ? FOR UPDATE OF t, f")) {
            select.setBytes(1, hash);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new ApiException(ApiErrorCode.INVALID_REFRESH_TOKEN, "refresh token is not one this server issued");
                }
                accountId = row.getObject(1, UUID.class);
                familyId = row.getObject(2, UUID.class);
                expiresAt = row.getTimestamp(3).toInstant();
                Timestamp used = row.getTimestamp(4);
                usedAt = used == null ? null : used.toInstant();
                successorHash = row.getBytes(5);
                familyExpiresAt = row.getTimestamp(6).toInstant();
                revoked = row.getTimestamp(7) != null;
            }
        }
        if (revoked) {
            throw new ApiException(ApiErrorCode.SESSION_REVOKED, "this session was logged out or revoked; log in again");
        }
        if (!now.isBefore(familyExpiresAt)) {
            throw new ApiException(ApiErrorCode.REFRESH_TOKEN_EXPIRED, "this session reached its lifetime; log in again");
        }
        String successor = successorOf(token);
        if (usedAt != null) {
            boolean withinGrace = !now.isAfter(usedAt.plus(auth.refreshGrace()));
            if (withinGrace && successorHash != null && MessageDigest.isEqual(successorHash, sha256(successor))
                    && isUnused(connection, successorHash)) {
                return new Rotation(accountId, familyId, successor);
            }
            revokeFamily(connection, familyId, now);
            LOG.warn("refresh token reuse: revoked session {} of player {}", familyId, accountId);
            throw new ApiException(ApiErrorCode.REFRESH_TOKEN_REUSED, "refresh token was already used; log in again");
        }
        if (!now.isBefore(expiresAt)) {
            throw new ApiException(ApiErrorCode.REFRESH_TOKEN_EXPIRED, "refresh token has expired; log in again");
        }
        try (PreparedStatement spend = connection.prepareStatement(
                "UPDATE refresh_tokens SET used_at = ?, successor_hash = ? WHERE token_hash = ?")) {
            spend.setTimestamp(1, Timestamp.from(now));
            spend.setBytes(2, sha256(successor));
            spend.setBytes(3, hash);
            spend.executeUpdate();
        }
        Instant successorExpiry = now.plus(properties.refreshTokenTtl());
        insertToken(connection, successor, accountId, familyId, now,
                successorExpiry.isBefore(familyExpiresAt) ? successorExpiry : familyExpiresAt);
        return new Rotation(accountId, familyId, successor);
    }

    /** Logout: the session refreshes no more. Only the session's own player may end it. */
    public void revoke(UUID familyId, UUID accountId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement revoke = connection.prepareStatement(
                     "UPDATE refresh_families SET revoked_at = ? WHERE family_id = ? AND account_id = ? AND revoked_at IS NULL")) {
            revoke.setTimestamp(1, Timestamp.from(now()));
            revoke.setObject(2, familyId);
            revoke.setObject(3, accountId);
            revoke.executeUpdate();
        } catch (SQLException e) {
            throw new AccountStoreException("could not revoke session " + familyId, e);
        }
    }

    /** Whether the session may still refresh: known, not revoked, within its lifetime. */
    public boolean isActive(UUID familyId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT 1 FROM refresh_families WHERE family_id = ? AND revoked_at IS NULL AND expires_at > ?")) {
            select.setObject(1, familyId);
            select.setTimestamp(2, Timestamp.from(now()));
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new AccountStoreException("could not read session " + familyId, e);
        }
    }

    /**
     * Deletes tokens past their expiry (spent or not: an expired token is refused either way, so
     * its row no longer helps detect reuse) and sessions past their lifetime.
     */
    @Scheduled(fixedDelay = "1h", initialDelay = "1m")
    public int purge() {
        Instant now = now();
        try (Connection connection = dataSource.getConnection()) {
            int deleted;
            try (PreparedStatement tokens = connection.prepareStatement("DELETE FROM refresh_tokens WHERE expires_at < ?")) {
                tokens.setTimestamp(1, Timestamp.from(now.minus(auth.refreshGrace())));
                deleted = tokens.executeUpdate();
            }
            try (PreparedStatement families = connection.prepareStatement("DELETE FROM refresh_families WHERE expires_at < ?")) {
                families.setTimestamp(1, Timestamp.from(now));
                families.executeUpdate();
            }
            return deleted;
        } catch (SQLException e) {
            LOG.warn("could not purge expired refresh tokens: {}", e.getMessage());
            return 0;
        }
    }

    private static boolean isUnused(Connection connection, byte[] tokenHash) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT used_at FROM refresh_tokens WHERE token_hash = ?")) {
            select.setBytes(1, tokenHash);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getTimestamp(1) == null;
            }
        }
    }

    private static void insertToken(Connection connection, String token, UUID accountId, UUID familyId, Instant now, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO refresh_tokens (token_hash, account_id, family_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setBytes(1, sha256(token));
            insert.setObject(2, accountId);
            insert.setObject(3, familyId);
            insert.setTimestamp(4, Timestamp.from(now));
            insert.setTimestamp(5, Timestamp.from(expiresAt));
            insert.executeUpdate();
        }
    }

    private static void revokeFamily(Connection connection, UUID familyId, Instant now) throws SQLException {
        try (PreparedStatement revoke = connection.prepareStatement(
                "UPDATE refresh_families SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")) {
            revoke.setTimestamp(1, Timestamp.from(now));
            revoke.setObject(2, familyId);
            revoke.executeUpdate();
        }
    }

    private String successorOf(String token) {
        byte[] mac = hmac(successorKey, token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public record Issued(String refreshToken, UUID sessionId) {}

    public record Rotation(UUID accountId, UUID sessionId, String refreshToken) {}
}
