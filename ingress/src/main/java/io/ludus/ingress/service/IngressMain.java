package io.ludus.ingress.service;

import io.ludus.service.ServiceMain;

import java.util.Map;

/**
 * Runs ingress as its own process (distributed mode): HTTP and WebSocket for players, accounts, command intake and
 * notification delivery, with /health and Prometheus /metrics. Every instance against one cluster serves any player:
 * commands go to Kafka, and each instance reads every player's notifications for the sockets it holds.
 * Configure with {@code ludus.*} keys (docs/configuration.md).
 */
public final class IngressMain {

    private IngressMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("ingress", IngressMain.class, args, Map.of());
    }
}
