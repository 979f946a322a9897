package io.ludus.ingress.service;

import io.ludus.ingress.query.QueryProperties;
import io.ludus.service.ServiceMain;

import java.util.Map;

/**
 * Runs ingress as its own process (distributed mode): HTTP and WebSocket for players, accounts, command intake and
 * notification delivery, with /health and Prometheus /metrics. Every instance against one cluster serves any player:
 * commands go to Kafka, and each instance reads every player's notifications for the sockets it holds.
 * Configure with {@code ludus.*} keys (docs/configuration.md).
 */
public final class IngressMain {

    /**
     * Ingress owns the accounts schema: it migrates it at start (Flyway locks, so instances may start together). It
     * passes replay downloads on to the replay service, so a client resolves the relative replay URI it is told
     * against the node it talks to, with or without a path-routing proxy in front.
     */
    public static final Map<String, Object> ROLE = Map.of(
            "flyway.datasources.default.enabled", true,
            "flyway.datasources.default.locations", "classpath:db/migration/ingress",
            QueryProperties.SERVE_REPLAYS, true);

    private IngressMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("ingress", IngressMain.class, args, ROLE);
    }
}
