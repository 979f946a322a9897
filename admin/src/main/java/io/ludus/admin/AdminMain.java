package io.ludus.admin;

import io.ludus.service.ServiceMain;

import java.util.Map;

/**
 * Runs the operator dashboard as its own process (distributed mode) with /health and Prometheus /metrics. It reads
 * the accounts and read-model databases and the cluster, and runs none of the services whose modules it shares: its
 * queue pages ask the matchmaker instances over HTTP. Configure with {@code ludus.*} keys (docs/configuration.md).
 */
public final class AdminMain {

    /** Wired for the dashboard role: the services' own processors and consumers stay off here. */
    static final Map<String, Object> ROLE = Map.of(
            "ludus.matchmaker.enabled", false,
            "ludus.projections.enabled", false,
            "ludus.projections.ratings.enabled", false,
            "ludus.projections.social.enabled", false,
            "ludus.notifier.enabled", false,
            "ludus.sim.enabled", false);

    private AdminMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run("admin", AdminMain.class, args, ROLE);
    }
}
