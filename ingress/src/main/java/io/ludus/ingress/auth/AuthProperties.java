package io.ludus.ingress.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code ludus.ingress.auth}. Each component documents its default; an invalid
 * value fails startup with a message naming the key. The access tokens' issuer, audience and signing keyring are
 * {@code ludus.tokens.*} (the security module's TokenSettings), read by every process that checks tokens.
 *
 * @param modes               login modes this deployment offers: any of offline, password, steam
 *                            (default: offline when the HTTP server binds loopback, else none, which fails startup)
 * @param allowRemoteOffline  keep offline login on although the server binds a non-loopback address; clients must
 *                            still connect from loopback (default false)
 * @param trustedProxies      addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed
 *                            (default none: the TCP peer is the client)
 * @param refreshRateLimit    refreshes allowed per client address (IPv6: per /64) per {@code refreshRatePeriod} (default 30)
 * @param refreshRatePeriod   window in which {@code refreshRateLimit} refills (default 1m)
 * @param maxBodyBytes        largest body an auth route reads; larger ones are refused before reading (default 4096)
 * @param refreshGrace        a refresh retried this soon after it succeeded gets the same refresh token (default 30s)
 * @param sessionLifetime     absolute lifetime of a login's refresh family, however often it refreshes (default 90d)
 * @param argon2MemoryKib     Argon2id memory per hash in KiB (default 19456, OWASP's 19 MiB)
 * @param argon2Iterations    Argon2id passes (default 2)
 * @param argon2Parallelism   Argon2id lanes (default 1)
 * @param maxConcurrentHashes password hashes computed at once; more wait up to 5 s, then get UNAVAILABLE (default 2)
 */
@Context
@ConfigurationProperties("ludus.ingress.auth")
public record AuthProperties(
        @Nullable List<String> modes,
        @Bindable(defaultValue = "false") boolean allowRemoteOffline,
        @Nullable List<String> trustedProxies,
        @Bindable(defaultValue = "30") int refreshRateLimit,
        @Bindable(defaultValue = "1m") Duration refreshRatePeriod,
        @Bindable(defaultValue = "4096") int maxBodyBytes,
        @Bindable(defaultValue = "30s") Duration refreshGrace,
        @Bindable(defaultValue = "90d") Duration sessionLifetime,
        @Bindable(defaultValue = "19456") int argon2MemoryKib,
        @Bindable(defaultValue = "2") int argon2Iterations,
        @Bindable(defaultValue = "1") int argon2Parallelism,
        @Bindable(defaultValue = "2") int maxConcurrentHashes) {

    public AuthProperties {
        modes = modes == null ? List.of() : modes.stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
        for (String mode : modes) {
            LoginMode.parse(mode);
        }
        trustedProxies = trustedProxies == null ? List.of() : trustedProxies.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        for (String proxy : trustedProxies) {
            AddressRange.parse("ludus.ingress.auth.trusted-proxies", proxy);
        }
        positive("ludus.ingress.auth.refresh-rate-limit", refreshRateLimit);
        positive("ludus.ingress.auth.refresh-rate-period", refreshRatePeriod);
        if (maxBodyBytes < 256 || maxBodyBytes > 65536) {
            throw new IllegalArgumentException("ludus.ingress.auth.max-body-bytes must be between 256 and 65536, was " + maxBodyBytes);
        }
        if (refreshGrace == null || refreshGrace.isNegative() || refreshGrace.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("ludus.ingress.auth.refresh-grace must be between 0s and 5m, was " + refreshGrace);
        }
        positive("ludus.ingress.auth.session-lifetime", sessionLifetime);
        if (argon2MemoryKib < 8 * argon2Parallelism || argon2MemoryKib > 4 * 1024 * 1024) {
            throw new IllegalArgumentException("ludus.ingress.auth.argon2-memory-kib must be between 8 x parallelism and 4194304, was " + argon2MemoryKib);
        }
        positive("ludus.ingress.auth.argon2-iterations", argon2Iterations);
        if (argon2Parallelism < 1 || argon2Parallelism > 16) {
            throw new IllegalArgumentException("ludus.ingress.auth.argon2-parallelism must be between 1 and 16, was " + argon2Parallelism);
        }
        positive("ludus.ingress.auth.max-concurrent-hashes", maxConcurrentHashes);
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + value);
        }
    }
}
