package io.ludus.notifier;

import io.ludus.service.ServiceMain;
import io.micronaut.runtime.Micronaut;

import java.util.Map;

/**
 * Runs the notifier as its own process (distributed mode) with {@code /health} and Prometheus metrics for the operator
 * ({@code ludus.management.*}). Configure with {@code ludus.*} properties, e.g. {@code LUDUS_KAFKA_BOOTSTRAP_SERVERS},
 * {@code LUDUS_REGISTRY_URL}, {@code LUDUS_NOTIFIER_STATE_DIR}. The topics must exist (deploy/ provisions them).
 * It serves no player route and checks no player token, so it needs no token key.
 */
public final class NotifierMain {

    /** Wired for the notifier role, whatever the environment says. */
    static final Map<String, Object> ROLE = Map.of("micronaut.security.token.jwt.enabled", false);

    private NotifierMain() {}

    public static void main(String[] args) {
        ServiceMain.run("notifier", NotifierMain.class, args, ROLE);
    }

    /** The process as main starts it; tests build and start it without main's exit on failure. */
    static Micronaut builder(String... args) {
        return ServiceMain.builder(NotifierMain.class, args, ROLE);
    }
}
