package io.ludus.outbox;

import io.ludus.service.ServiceMain;

import java.util.Map;

/**
 * Runs the outbox relay as its own process (distributed mode) with /health and Prometheus /metrics. Configure with
 * {@code ludus.outbox.*} and {@code ludus.kafka.bootstrap-servers} (docs/configuration.md). Instances against one
 * database share one replication slot: one streams, the others wait as standbys and take over when it stops.
 */
public final class OutboxRelayMain {

    /** Wired for the relay role: it checks no player tokens. */
    static final Map<String, Object> ROLE = Map.of(
            "ludus.outbox.enabled", true,
            "micronaut.security.token.jwt.enabled", false);

    private OutboxRelayMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("outbox-relay", OutboxRelayMain.class, args, ROLE);
    }
}
