package io.ludus.service;

import io.micronaut.core.annotation.Nullable;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One upstream service reached at one or more base URLs (a setting like {@code http://a:8080,http://b:8080}). Calls
 * take turns over the instances, and an instance that just failed goes to the back of the order for a while, so a
 * killed instance costs one failed attempt, not one per call. Where one address already balances (a Kubernetes
 * Service, compose DNS) a single URL is all it needs.
 */
public final class Upstreams {

    /** How long an instance that failed is tried only after the others. */
    public static final Duration PASSED_OVER = Duration.ofSeconds(5);

    private final List<String> bases;
    private final Clock clock;
    private final AtomicInteger turn = new AtomicInteger();
    private final ConcurrentHashMap<String, Instant> failedUntil = new ConcurrentHashMap<>();

    private Upstreams(List<String> bases, Clock clock) {
        this.bases = List.copyOf(bases);
        this.clock = clock;
    }

    /**
     * The base URLs in {@code value}, comma-separated, each http(s) with a host and no trailing slash kept; null when
     * the setting is unset or blank. A bad entry fails naming {@code key}.
     */
    public static @Nullable Upstreams parse(String key, @Nullable String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        List<String> bases = new ArrayList<>();
        for (String entry : value.split(",")) {
            String url = entry.strip();
            if (url.isEmpty()) {
                continue;
            }
            URI parsed;
            try {
                parsed = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(key, "has an entry that is not a URL: " + url);
            }
            if (!"http".equals(parsed.getScheme()) && !"https".equals(parsed.getScheme()) || parsed.getHost() == null) {
                throw new InvalidSettingException(key, "must be http(s) URLs with a host, comma-separated; " + url + " is not");
            }
            String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            if (!bases.contains(base)) {
                bases.add(base);
            }
        }
        return bases.isEmpty() ? null : new Upstreams(bases, clock);
    }

    public List<String> bases() {
        return bases;
    }

    /**
     * The instances to try for one call, in order: the next in turn first, those that failed within
     * {@link #PASSED_OVER} last (tried all the same when every other one fails too).
     */
    public List<String> order() {
        int start = Math.floorMod(turn.getAndIncrement(), bases.size());
        Instant now = clock.instant();
        String[] rotated = new String[bases.size()];
        for (int i = 0; i < rotated.length; i++) {
            rotated[i] = bases.get((start + i) % rotated.length);
        }
        List<String> healthy = new ArrayList<>(rotated.length);
        List<String> recentlyFailed = new ArrayList<>();
        for (String base : rotated) {
            Instant until = failedUntil.get(base);
            (until != null && now.isBefore(until) ? recentlyFailed : healthy).add(base);
        }
        healthy.addAll(recentlyFailed);
        return healthy;
    }

    /** {@code base} did not answer (or answered that it cannot): pass it over for a while. */
    public void failed(String base) {
        failedUntil.put(base, clock.instant().plus(PASSED_OVER));
    }

    /** {@code base} answered: back in its turn. */
    public void answered(String base) {
        failedUntil.remove(base);
    }

    /**
     * Sends the request {@code toInstance} builds for each instance in {@link #order()} until one answers with a status
     * other than 502, 503 or 504; the last instance's answer or failure is the call's.
     */
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpClient http, Function<String, HttpRequest> toInstance,
                                                           HttpResponse.BodyHandler<T> body) {
        return attempt(http, toInstance, body, order(), 0);
    }

    private <T> CompletableFuture<HttpResponse<T>> attempt(HttpClient http, Function<String, HttpRequest> toInstance,
                                                           HttpResponse.BodyHandler<T> body, List<String> order, int index) {
        String base = order.get(index);
        return http.sendAsync(toInstance.apply(base), body).handle((response, error) -> {
            if (error == null && !tryAnother(response.statusCode())) {
                answered(base);
                return CompletableFuture.completedFuture(response);
            }
            failed(base);
            if (index + 1 < order.size()) {
                discard(response);
                return attempt(http, toInstance, body, order, index + 1);
            }
            return error == null ? CompletableFuture.completedFuture(response) : CompletableFuture.<HttpResponse<T>>failedFuture(error);
        }).thenCompose(Function.identity());
    }

    /** {@link #sendAsync} for a caller on a blocking thread. */
    public <T> HttpResponse<T> send(HttpClient http, Function<String, HttpRequest> toInstance, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        List<String> order = order();
        for (int index = 0; ; index++) {
            String base = order.get(index);
            boolean last = index + 1 == order.size();
            HttpResponse<T> response;
            try {
                response = http.send(toInstance.apply(base), body);
            } catch (IOException e) {
                failed(base);
                if (last) {
                    throw e;
                }
                continue;
            }
            if (!tryAnother(response.statusCode())) {
                answered(base);
                return response;
            }
            failed(base);
            if (last) {
                return response;
            }
            discard(response);
        }
    }

    /** Closes the body of an answer passed over, when it is a stream (the connection goes back to the pool). */
    private static void discard(@Nullable HttpResponse<?> response) {
        if (response != null && response.body() instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // the connection is dropped instead of reused
            }
        }
    }

    @Override
    public String toString() {
        return String.join(",", bases);
    }

    /** Whether an upstream's HTTP status means "this instance cannot answer now; another one may". */
    private static boolean tryAnother(int status) {
        return status == 502 || status == 503 || status == 504;
    }
}
