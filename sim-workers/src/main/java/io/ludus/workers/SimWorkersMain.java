package io.ludus.workers;

import io.micronaut.runtime.Micronaut;

/**
 * Runs sim workers as their own process (distributed mode), with health and Prometheus metrics over HTTP.
 * Configure with {@code ludus.*} properties, e.g. environment variables {@code LUDUS_KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class SimWorkersMain {

    private SimWorkersMain() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(SimWorkersMain.class).banner(false).start();
    }
}
