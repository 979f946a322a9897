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

    private static LoginRateLimiter limiter(int limit, int trackedClients) {
        return limiter(limit, 30, trackedClients);
    }

    private static LoginRateLimiter limiter(int limit, int refreshLimit, int trackedClients) {
        return new LoginRateLimiter(new IngressProperties(Duration.ofMinutes(15), Duration.ofDays(30), 65536, limit, Duration.ofHours(1),
                20, Duration.ofSeconds(1), 8, trackedClients, 1000),
                TestAuthProperties.with(List.of(), false, refreshLimit));
    }

    @Test
    void rejectsTheAttemptAfterTheBurstWithAWaitTime() throws Exception {
        LoginRateLimiter limiter = limiter(2, 100);
        InetAddress client = InetAddress.getByName("198.51.100.1");
        limiter.acquireLogin(client);
        limiter.acquireLogin(client);
        ApiException refused = catchThrowableOfType(ApiException.class, () -> limiter.acquireLogin(client));
        assertThat(refused.code()).isEqualTo(ApiErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfter()).hasValueSatisfying(wait -> assertThat(wait).isPositive());
    }

    @Test
    void limitsEachAddressSeparately() throws Exception {
        LoginRateLimiter limiter = limiter(1, 100);
        limiter.acquireLogin(InetAddress.getByName("198.51.100.1"));
        limiter.acquireLogin(InetAddress.getByName("198.51.100.2"));
        assertThat(catchThrowableOfType(ApiException.class, () -> limiter.acquireLogin(InetAddress.getByName("198.51.100.1"))))
                .isNotNull();
    }

    @Test
    void anIpv6ClientRotatingInsideItsSlash64SharesOneBucket() throws Exception {
        LoginRateLimiter limiter = limiter(2, 100);
        limiter.acquireLogin(InetAddress.getByName("2001:db8:1:2::1"));
        limiter.acquireLogin(InetAddress.getByName("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> limiter.acquireLogin(InetAddress.getByName("2001:db8:1:2:abcd::42")));
        assertThat(refused.code()).isEqualTo(ApiErrorCode.RATE_LIMITED);
        // The neighbouring /64 is someone else.
        limiter.acquireLogin(InetAddress.getByName("2001:db8:1:3::1"));
    }

    @Test
    void operatorSignInsHaveTheirOwnBucketWithTheLoginLimit() throws Exception {
        LoginRateLimiter limiter = limiter(2, 100);
        InetAddress client = InetAddress.getByName("198.51.100.7");
        limiter.acquireLogin(client);
        limiter.acquireLogin(client);

        limiter.acquireOperatorLogin(client); // players' logins did not spend the operator's attempts
        limiter.acquireOperatorLogin(client);
        ApiException refused = catchThrowableOfType(ApiException.class, () -> limiter.acquireOperatorLogin(client));

        assertThat(refused.code()).isEqualTo(ApiErrorCode.RATE_LIMITED);
        assertThat(refused.getMessage()).contains("sign-in attempts");
    }

    @Test
    void refreshesHaveTheirOwnBucket() throws Exception {
        LoginRateLimiter limiter = limiter(1, 2, 100);
        InetAddress client = InetAddress.getByName("198.51.100.7");
        limiter.acquireLogin(client);
        assertThat(catchThrowableOfType(ApiException.class, () -> limiter.acquireLogin(client))).isNotNull();
        limiter.acquireRefresh(client);
        limiter.acquireRefresh(client);
        assertThat(catchThrowableOfType(ApiException.class, () -> limiter.acquireRefresh(client)).code())
                .isEqualTo(ApiErrorCode.RATE_LIMITED);
    }

    @Test
    void forgetsTheLeastRecentlySeenAddressBeyondTheTrackedLimit() throws Exception {
        LoginRateLimiter limiter = limiter(1, 1);
        InetAddress first = InetAddress.getByName("198.51.100.1");
        limiter.acquireLogin(first);
        limiter.acquireLogin(InetAddress.getByName("198.51.100.2"));
        // first's bucket was evicted, so it starts full again: memory stays bounded.
        limiter.acquireLogin(first);
    }
}
