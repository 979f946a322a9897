package io.ludus.ingress.auth;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The admin's password reset (there is no self-service reset by design): sets a new random
 * password for a password account and ends its sessions. Called by {@code ludus admin reset-password}.
 */
public final class PasswordReset {

    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    static final int GENERATED_LENGTH = 16;

    private PasswordReset() {}

    /** Returns the new password, or empty if no password account has this name (in any case). */
    public static Optional<String> reset(DataSource dataSource, String name) throws SQLException {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        String hash = new PasswordHasher(19456, 2, 1, 1).hash(password.toString());
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE password_credentials SET hash = ?, updated_at = ? WHERE account_id = "
                            + "(SELECT id FROM accounts WHERE auth_provider = 'password' AND lower(name) = lower(?))");
                 PreparedStatement revoke = connection.prepareStatement(
                         "UPDATE refresh_families SET revoked_at = ? WHERE revoked_at IS NULL AND account_id = "
                                 + "(SELECT id FROM accounts WHERE auth_provider = 'password' AND lower(name) = lower(?))")) {
                update.setString(1, hash);
                update.setTimestamp(2, now);
                update.setString(3, name);
                if (update.executeUpdate() != 1) {
                    connection.rollback();
                    return Optional.empty();
                }
                revoke.setTimestamp(1, now);
                revoke.setString(2, name);
                revoke.executeUpdate();
                connection.commit();
                return Optional.of(password.toString());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
