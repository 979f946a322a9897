package io.ludus.ingress.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.ludus.ingress.IngressProperties;
import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A token bucket per client IP for the login routes. Only the most recently seen IPs are kept. */
@Singleton
public class LoginRateLimiter {

    private final IngressProperties properties;
    private final Map<InetAddress, Bucket> buckets;

    LoginRateLimiter(IngressProperties properties) {
        this.properties = properties;
        int max = properties.maxTrackedClients();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > max;
            }
        };
    }

    /** Takes one login attempt from {@code client}'s bucket, or throws RATE_LIMITED with the wait. */
    public void acquire(InetAddress client) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(client, ignored -> newBucket());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new ApiException(ApiErrorCode.RATE_LIMITED, "too many login attempts from this address",
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.loginRateLimit())
                        .refillGreedy(properties.loginRateLimit(), properties.loginRatePeriod())
                        .build())
                .build();
    }
}
