package io.ludus.admin.session;

import io.ludus.security.OperatorCredentials;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminSessionsTest {

    private static final String PASSWORD = "a-long-operator-password";
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private final OperatorCredentials credentials = new OperatorCredentials("operator", PASSWORD);
    private final AdminSessions sessions = new AdminSessions(credentials, Duration.ofHours(8), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signsInOnlyWithTheOperatorCredential() {
        assertThat(sessions.login("operator", "wrong-password-of-length")).isEmpty();
        assertThat(sessions.login("someone", PASSWORD)).isEmpty();
        assertThat(sessions.login(null, null)).isEmpty();
        String token = sessions.login("operator", PASSWORD).orElseThrow();
        assertThat(sessions.verify(token)).hasValueSatisfying(s -> {
            assertThat(s.operator()).isEqualTo("operator");
            assertThat(s.expiresAtMillis()).isEqualTo(NOW.plus(Duration.ofHours(8)).toEpochMilli());
        });
    }

    @Test
    void refusesATamperedForgedOrExpiredToken() {
        String token = sessions.login("operator", PASSWORD).orElseThrow();
        String[] parts = token.split("\\.");
        String longerLife = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400_000L) + "." + parts[2];
        assertThat(sessions.verify(longerLife)).isEmpty();
        assertThat(sessions.verify(token + "x")).isEmpty();
        assertThat(sessions.verify("garbage")).isEmpty();
        assertThat(sessions.verify("a".repeat(10_000))).isEmpty();
        AdminSessions otherPassword = new AdminSessions(new OperatorCredentials("operator", PASSWORD + "-rotated"),
                Duration.ofHours(8), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(otherPassword.verify(token)).as("a new password ends every session").isEmpty();
        AdminSessions later = new AdminSessions(credentials, Duration.ofHours(8), Clock.fixed(NOW.plus(Duration.ofHours(9)), ZoneOffset.UTC));
        assertThat(later.verify(token)).as("expired").isEmpty();
    }

    @Test
    void csrfTokenBelongsToItsSession() {
        String token = sessions.login("operator", PASSWORD).orElseThrow();
        String csrf = sessions.csrf(token);
        assertThat(sessions.csrfMatches(token, csrf)).isTrue();
        assertThat(sessions.csrfMatches(token, null)).isFalse();
        assertThat(sessions.csrfMatches(token, csrf.substring(1))).isFalse();
        String another = new AdminSessions(credentials, Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC)).login("operator", PASSWORD).orElseThrow();
        assertThat(sessions.csrfMatches(another, csrf)).isFalse();
    }

    @Test
    void refusesASessionLifetimeOutOfRangeNamingTheKey() {
        assertThatThrownBy(() -> new AdminSessions(credentials, Duration.ZERO, Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ludus.admin.session-ttl");
        assertThatThrownBy(() -> new AdminSessions(credentials, Duration.ofDays(8), Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ludus.admin.session-ttl");
    }

    @Test
    void refusesAShortOperatorPasswordNamingTheKey() {
        assertThatThrownBy(() -> new OperatorCredentials("operator", "short"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ludus.management.password");
    }
}
