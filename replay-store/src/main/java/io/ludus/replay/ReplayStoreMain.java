package io.ludus.replay;

import io.ludus.service.ServiceMain;
import io.micronaut.runtime.Micronaut;

import java.util.Map;

/**
 * Runs the replay store as its own process (distributed mode): the replay API, retention, and ReplayDeleted events.
 * Configure with {@code ludus.replay.*}, {@code ludus.kafka.*}, {@code ludus.registry.url} and the token key
 * (docs/configuration.md).
 */
public final class ReplayStoreMain {

    private ReplayStoreMain() {}

    public static void main(String[] args) {
        ServiceMain.run("replay", ReplayStoreMain.class, args, Map.of());
    }

    /** The process as main starts it; tests build and start it without main's exit on failure. */
    static Micronaut builder(String... args) {
        return ServiceMain.builder(ReplayStoreMain.class, args, Map.of());
    }
}
