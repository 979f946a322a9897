package io.ludus.security;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wrong operator passwords per client address in a fixed window: past the limit, the address's next attempts are
 * refused unchecked until the window ends, so guessing gets a handful of tries a minute. Right passwords spend
 * nothing, so a scraper holding the credential is never locked out by its own traffic. Only the most recent
 * addresses are kept.
 */
final class FailedAttempts {

    static final int LIMIT = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int TRACKED = 10_000;

    private record Window(Instant start, int failures) {}

    private final Clock clock;
    private final Map<InetAddress, Window> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Window> eldest) {
            return size() > TRACKED;
        }
    };

    FailedAttempts(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code client} has used up its wrong passwords for the current window. */
    synchronized boolean exhausted(InetAddress client) {
        Window window = current(client);
        return window != null && window.failures() >= LIMIT;
    }

    synchronized void failed(InetAddress client) {
        Window window = current(client);
        byAddress.put(client, window == null ? new Window(clock.instant(), 1) : new Window(window.start(), window.failures() + 1));
    }

    private Window current(InetAddress client) {
        Window window = byAddress.get(client);
        if (window != null && !clock.instant().isBefore(window.start().plus(WINDOW))) {
            byAddress.remove(client);
            return null;
        }
        return window;
    }
}
