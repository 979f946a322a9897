package io.ludus.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import io.ludus.service.InvalidSettingException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The operator's one credential: {@code ludus.management.username} (default {@code operator}) and
 * {@code ludus.management.password} (no default, at least 16 characters). Checked by HTTP Basic on management routes
 * ({@link OperatorAuthentication}) and by the admin dashboard's login; absent without a password.
 */
// created at startup, so a short password stops the process there
@Context
@Requires(property = OperatorCredentials.PASSWORD)
public final class OperatorCredentials {

    /** The role an authenticated operator carries; player tokens never do. */
    public static final String ROLE = "OPERATOR";
    static final String USERNAME = "ludus.management.username";
    static final String PASSWORD = "ludus.management.password";
    static final int MIN_PASSWORD_CHARS = 16;

    private final byte[] username;
    private final byte[] password;

    @Inject
    OperatorCredentials(OperatorSettings settings) {
        this(settings.username(), settings.password() == null ? "" : settings.password());
    }

    public OperatorCredentials(String username, String password) {
        if (username.isBlank()) {
            throw new InvalidSettingException(USERNAME, "must not be blank");
        }
        if (password.length() < MIN_PASSWORD_CHARS) {
            throw new InvalidSettingException(PASSWORD, "must be at least " + MIN_PASSWORD_CHARS + " characters");
        }
        this.username = username.getBytes(StandardCharsets.UTF_8);
        this.password = password.getBytes(StandardCharsets.UTF_8);
    }

    public String username() {
        return new String(username, StandardCharsets.UTF_8);
    }

    /** The Authorization header with which this process calls another service's operator routes (the dashboard does). */
    public String basicAuthorization() {
        byte[] pair = new byte[username.length + 1 + password.length];
        System.arraycopy(username, 0, pair, 0, username.length);
        pair[username.length] = ':';
        System.arraycopy(password, 0, pair, username.length + 1, password.length);
        return "Basic " + java.util.Base64.getEncoder().encodeToString(pair);
    }

    /** Constant-time in the password; both compared even when the name already differs. */
    public boolean matches(String user, String secret) {
        boolean userMatches = MessageDigest.isEqual(username, bytes(user));
        boolean passwordMatches = MessageDigest.isEqual(password, bytes(secret));
        return userMatches & passwordMatches;
    }

    /**
     * Key material that changes whenever the password does: the dashboard signs its sessions with it, so a new
     * password ends every session.
     */
    public byte[] sessionKey() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("ludus-admin-session\0".getBytes(StandardCharsets.UTF_8));
            sha.update(username);
            sha.update((byte) 0);
            sha.update(password);
            return sha.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
