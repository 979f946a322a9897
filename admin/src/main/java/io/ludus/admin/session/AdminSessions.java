package io.ludus.admin.session;

import io.ludus.admin.AdminSettings;
import io.ludus.security.OperatorCredentials;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The dashboard's session token, kept in an HttpOnly, SameSite=Strict cookie: the operator's name, an expiry and the
 * role, signed with a key derived from the operator credential (so it opens nothing but admin pages, and a new
 * password ends every session). Stateless, so any instance of the admin service accepts it. Forms carry a CSRF token
 * derived from the session.
 */
@Singleton
@Requires(beans = OperatorCredentials.class)
public final class AdminSessions {

    public static final String COOKIE = "ludus_admin";

    public record Session(String operator, long expiresAtMillis) {}

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int MAX_TOKEN_CHARS = 512;

    private final OperatorCredentials credentials;
    private final Duration ttl;
    private final Clock clock;

    @Inject
    AdminSessions(OperatorCredentials credentials, AdminSettings settings) {
        this(credentials, settings.sessionTtl(), Clock.systemUTC());
    }

    AdminSessions(OperatorCredentials credentials, Duration ttl, Clock clock) {
        AdminSettings.requireSessionTtl(ttl);
        this.credentials = credentials;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Duration ttl() {
        return ttl;
    }

    /** A token for the operator if the credential matches. */
    public Optional<String> login(String username, String password) {
        if (!credentials.matches(username, password)) {
            return Optional.empty();
        }
        String body = B64.encodeToString(credentials.username().getBytes(StandardCharsets.UTF_8)) + "."
                + (clock.millis() + ttl.toMillis());
        return Optional.of(body + "." + sign("session|" + body));
    }

    /** The session of a token this server signed that has not expired; empty for anything else. */
    public Optional<Session> verify(String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        int mac = token.lastIndexOf('.');
        int dot = token.indexOf('.');
        if (dot <= 0 || mac <= dot) {
            return Optional.empty();
        }
        String body = token.substring(0, mac);
        if (!MessageDigest.isEqual(sign("session|" + body).getBytes(StandardCharsets.US_ASCII),
                token.substring(mac + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            long expires = Long.parseLong(body.substring(dot + 1));
            String operator = new String(B64D.decode(body.substring(0, dot)), StandardCharsets.UTF_8);
            return expires > clock.millis() ? Optional.of(new Session(operator, expires)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The CSRF token of a session: forms post it back, and a cross-site page cannot read it. */
    public String csrf(String token) {
        return sign("csrf|" + token);
    }

    public boolean csrfMatches(String token, String csrf) {
        return csrf != null && MessageDigest.isEqual(csrf(token).getBytes(StandardCharsets.US_ASCII),
                csrf.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(credentials.sessionKey(), "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
