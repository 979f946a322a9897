package io.ludus.ingress.auth;

import io.ludus.ingress.auth.RefreshTokenStore.Check;
import io.ludus.ingress.auth.RefreshTokenStore.StoredToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenCheckTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void unusedTokenBeforeExpiryIsValid() {
        assertThat(token(NOW.plusSeconds(1), null).check(NOW)).isEqualTo(Check.VALID);
    }

    @Test
    void tokenAtOrPastExpiryIsExpired() {
        assertThat(token(NOW, null).check(NOW)).isEqualTo(Check.EXPIRED);
        assertThat(token(NOW.minusSeconds(1), null).check(NOW)).isEqualTo(Check.EXPIRED);
    }

    @Test
    void usedTokenIsReusedEvenBeforeExpiry() {
        assertThat(token(NOW.plusSeconds(60), NOW.minusSeconds(5)).check(NOW)).isEqualTo(Check.REUSED);
    }

    private static StoredToken token(Instant expiresAt, Instant usedAt) {
        return new StoredToken(UUID.randomUUID(), UUID.randomUUID(), expiresAt, usedAt);
    }
}
