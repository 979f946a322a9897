package io.ludus.ingress;

import io.ludus.ingress.ws.CommandSocket;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings under {@code ludus.ingress}. Each component documents its default; an invalid value
 * fails startup with a message naming the key.
 *
 * @param accessTokenTtl          lifetime of a JWT access token (default 15m)
 * @param refreshTokenTtl         lifetime of a refresh token (default 30d)
 * @param maxFrameBytes           largest accepted WebSocket frame; larger ones get FRAME_TOO_LARGE
 *                                (default 65536, at most {@link CommandSocket#HARD_FRAME_LIMIT})
 * @param loginRateLimit          login/refresh requests allowed per client IP per {@code loginRatePeriod} (default 10)
 * @param loginRatePeriod         window in which {@code loginRateLimit} refills (default 1m)
 * @param commandRateLimit        frames allowed per connection per {@code commandRatePeriod} (default 20)
 * @param commandRatePeriod       window in which {@code commandRateLimit} refills (default 1s)
 * @param maxInFlightCommands     commands per connection awaiting Kafka before RATE_LIMITED (default 8)
 * @param maxTrackedClients       client IPs whose login buckets are kept; least recently seen are dropped (default 100000)
 * @param maxSpread               largest rating spread a ticket may ask for; the smallest is 0 (default 1000)
 */
@Context
@ConfigurationProperties("ludus.ingress")
public record IngressProperties(
        @Bindable(defaultValue = "15m") Duration accessTokenTtl,
        @Bindable(defaultValue = "30d") Duration refreshTokenTtl,
        @Bindable(defaultValue = "65536") int maxFrameBytes,
        @Bindable(defaultValue = "10") int loginRateLimit,
        @Bindable(defaultValue = "1m") Duration loginRatePeriod,
        @Bindable(defaultValue = "20") int commandRateLimit,
        @Bindable(defaultValue = "1s") Duration commandRatePeriod,
        @Bindable(defaultValue = "8") int maxInFlightCommands,
        @Bindable(defaultValue = "100000") int maxTrackedClients,
        @Bindable(defaultValue = "1000") int maxSpread) {

    public IngressProperties {
        requirePositive("ludus.ingress.access-token-ttl", accessTokenTtl);
        requirePositive("ludus.ingress.refresh-token-ttl", refreshTokenTtl);
        if (accessTokenTtl.toSeconds() < 1 || accessTokenTtl.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ludus.ingress.access-token-ttl must be between 1s and " + Integer.MAX_VALUE + "s, was " + accessTokenTtl);
        }
        if (maxFrameBytes < 256 || maxFrameBytes > CommandSocket.HARD_FRAME_LIMIT) {
            throw new IllegalArgumentException("ludus.ingress.max-frame-bytes must be between 256 and "
                    + CommandSocket.HARD_FRAME_LIMIT + ", was " + maxFrameBytes);
        }
        requirePositive("ludus.ingress.login-rate-limit", loginRateLimit);
        requirePositive("ludus.ingress.login-rate-period", loginRatePeriod);
        requirePositive("ludus.ingress.command-rate-limit", commandRateLimit);
        requirePositive("ludus.ingress.command-rate-period", commandRatePeriod);
        requirePositive("ludus.ingress.max-in-flight-commands", maxInFlightCommands);
        requirePositive("ludus.ingress.max-tracked-clients", maxTrackedClients);
        if (maxSpread < 0) {
            throw new IllegalArgumentException("ludus.ingress.max-spread must be >= 0, was " + maxSpread);
        }
    }

    private static void requirePositive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + value);
        }
    }
}
