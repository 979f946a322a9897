package io.ludus.ingress.auth;

import io.ludus.ingress.IngressProperties;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LoginRateLimiterTest {

    private static IngressProperties properties(int limit, int trackedClients) {
        return new IngressProperties(Duration.ofMinutes(15), Duration.ofDays(30), 65536, limit, Duration.ofHours(1),
                20, Duration.ofSeconds(1), 8, trackedClients, List.of("ranked-3v3"), 1000);
    }

    @Test
    void rejectsTheAttemptAfterTheBurstWithAWaitTime() throws Exception {
        LoginRateLimiter limiter = new LoginRateLimiter(properties(2, 100));
        InetAddress client = InetAddress.getByName("198.51.100.1");
        limiter.acquire(client);
        limiter.acquire(client);
        ApiException refused = catchThrowableOfType(ApiException.class, () -> limiter.acquire(client));
        assertThat(refused.code()).isEqualTo(ApiErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
    }

    @Test
    void limitsEachAddressSeparately() throws Exception {
        LoginRateLimiter limiter = new LoginRateLimiter(properties(1, 100));
        limiter.acquire(InetAddress.getByName("198.51.100.1"));
        limiter.acquire(InetAddress.getByName("198.51.100.2"));
        assertThat(catchThrowableOfType(ApiException.class, () -> limiter.acquire(InetAddress.getByName("198.51.100.1"))))
                .isNotNull();
    }

    @Test
    void forgetsTheLeastRecentlySeenAddressBeyondTheTrackedLimit() throws Exception {
        LoginRateLimiter limiter = new LoginRateLimiter(properties(1, 1));
        InetAddress first = InetAddress.getByName("198.51.100.1");
        limiter.acquire(first);
        limiter.acquire(InetAddress.getByName("198.51.100.2"));
        // first's bucket was evicted, so it starts full again: memory stays bounded.
        limiter.acquire(first);
    }
}
