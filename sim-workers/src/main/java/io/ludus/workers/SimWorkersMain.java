package io.ludus.workers;

import io.ludus.replay.api.ReplayConfiguration;
import io.ludus.service.ServiceMain;
import io.micronaut.runtime.Micronaut;

import java.util.Map;

/**
 * Runs sim workers as their own process (distributed mode), with health and Prometheus metrics over HTTP.
 * Configure with {@code ludus.*} keys (docs/configuration.md), e.g. {@code LUDUS_KAFKA_BOOTSTRAP_SERVERS}.
 * A worker writes replays but does not serve them, and validates no player tokens: it needs neither
 * the token key nor the replay share secret. Metrics need the operator credential ({@code ludus.management.*}).
 */
public final class SimWorkersMain {

    /** Wired for the worker role, whatever the environment says. */
    static final Map<String, Object> ROLE = Map.of(
            ReplayConfiguration.API_ENABLED, false,
            "micronaut.security.token.jwt.enabled", false);

    private SimWorkersMain() {}

    public static void main(String[] args) {
        ServiceMain.run("sim-workers", SimWorkersMain.class, args, ROLE);
    }

    /** The process as main starts it; tests build and start it without main's exit on failure. */
    static Micronaut builder(String... args) {
        return ServiceMain.builder(SimWorkersMain.class, args, ROLE);
    }
}
