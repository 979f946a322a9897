package io.ludus.ingress.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.ludus.ingress.IngressProperties;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import jakarta.inject.Singleton;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets per client for the auth routes: one set for logins, another for refreshes, so a
 * client refreshing its session never spends its login attempts, and a third for the operator's
 * sign-in to the admin dashboard (same limits), so players logging in from an address never lock
 * its operator out. An IPv6 client is bucketed by
 * its /64, the block one subscriber usually holds, so rotating addresses inside it gains nothing.
 * Only the most recently seen clients are kept.
 */
@Singleton
public class LoginRateLimiter {

    private final Limiter login;
    private final Limiter refresh;
    private final Limiter operator;

    LoginRateLimiter(IngressProperties properties, AuthProperties auth) {
        this.login = new Limiter(properties.loginRateLimit(), properties.loginRatePeriod(), properties.maxTrackedClients(),
                "too many login attempts from this address");
        this.refresh = new Limiter(auth.refreshRateLimit(), auth.refreshRatePeriod(), properties.maxTrackedClients(),
                "too many refreshes from this address");
        this.operator = new Limiter(properties.loginRateLimit(), properties.loginRatePeriod(), properties.maxTrackedClients(),
                "too many sign-in attempts from this address");
    }

    /** Takes one login attempt from {@code client}'s bucket, or throws RATE_LIMITED with the wait. */
    public void acquireLogin(InetAddress client) {
        login.acquire(client);
    }

    /** Takes one refresh from {@code client}'s refresh bucket, or throws RATE_LIMITED with the wait. */
    public void acquireRefresh(InetAddress client) {
        refresh.acquire(client);
    }

    /** Takes one operator sign-in attempt from {@code client}'s bucket, or throws RATE_LIMITED with the wait. */
    public void acquireOperatorLogin(InetAddress client) {
        operator.acquire(client);
    }

    /** The bucket an address falls into: itself for IPv4, its /64 for IPv6. */
    static InetAddress bucketKey(InetAddress client) {
        if (!(client instanceof Inet6Address)) {
            return client;
        }
        byte[] prefix = Arrays.copyOf(client.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    private static final class Limiter {
        private final int limit;
        private final Duration period;
        private final String message;
        private final Map<InetAddress, Bucket> buckets;

        Limiter(int limit, Duration period, int maxTracked, String message) {
            this.limit = limit;
            this.period = period;
            this.message = message;
            this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                    return size() > maxTracked;
                }
            };
        }

        void acquire(InetAddress client) {
            InetAddress key = bucketKey(client);
            Bucket bucket;
            synchronized (buckets) {
                bucket = buckets.computeIfAbsent(key, ignored -> Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, period).build())
                        .build());
            }
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                throw new ApiException(ApiErrorCode.RATE_LIMITED, message, Duration.ofNanos(probe.getNanosToWaitForRefill()));
            }
        }
    }
}
