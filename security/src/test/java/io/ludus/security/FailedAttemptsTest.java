package io.ludus.security;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class FailedAttemptsTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-03T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final FailedAttempts attempts = new FailedAttempts(clock);

    @Test
    void anAddressIsRefusedOnceItsWrongPasswordsReachTheLimitUntilTheWindowEnds() throws Exception {
        InetAddress guesser = InetAddress.getByName("198.51.100.9");
        for (int i = 0; i < FailedAttempts.LIMIT; i++) {
            assertThat(attempts.exhausted(guesser)).as("after %d wrong passwords", i).isFalse();
            attempts.failed(guesser);
        }

        assertThat(attempts.exhausted(guesser)).isTrue();
        clock.now = clock.now.plus(FailedAttempts.WINDOW).minusMillis(1);
        assertThat(attempts.exhausted(guesser)).isTrue();
        clock.now = clock.now.plusMillis(1);
        assertThat(attempts.exhausted(guesser)).as("a new window").isFalse();
    }

    @Test
    void eachAddressHasItsOwnCount() throws Exception {
        InetAddress guesser = InetAddress.getByName("198.51.100.9");
        for (int i = 0; i < FailedAttempts.LIMIT; i++) {
            attempts.failed(guesser);
        }

        assertThat(attempts.exhausted(InetAddress.getByName("198.51.100.10"))).isFalse();
    }

    @Test
    void aFewWrongPasswordsAMinuteNeverLockAnAddress() throws Exception {
        InetAddress typo = InetAddress.getByName("198.51.100.11");
        for (int i = 0; i < 3 * FailedAttempts.LIMIT; i++) {
            attempts.failed(typo);
            clock.now = clock.now.plus(Duration.ofSeconds(10));
            assertThat(attempts.exhausted(typo)).as("wrong password %d, one every 10 s", i + 1).isFalse();
        }
    }
}
