package io.ludus.notifier;

import io.micronaut.runtime.Micronaut;

/**
 * Runs the notifier as its own process (distributed mode) with {@code /health}. Configure with
 * {@code ludus.*} properties, e.g. {@code LUDUS_KAFKA_BOOTSTRAP_SERVERS}, {@code LUDUS_REGISTRY_URL},
 * {@code LUDUS_NOTIFIER_STATE_DIR}. The topics must exist (deploy/ provisions them).
 */
public final class NotifierMain {

    private NotifierMain() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(NotifierMain.class).banner(false).start();
    }
}
