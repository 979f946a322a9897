package io.ludus.notifier;

import io.ludus.service.ServiceMain;

import java.util.Map;

/**
 * Runs the notifier as its own process (distributed mode) with {@code /health}. Configure with
 * {@code ludus.*} properties, e.g. {@code LUDUS_KAFKA_BOOTSTRAP_SERVERS}, {@code LUDUS_REGISTRY_URL},
 * {@code LUDUS_NOTIFIER_STATE_DIR}. The topics must exist (deploy/ provisions them).
 */
public final class NotifierMain {

    private NotifierMain() {}

    public static void main(String[] args) {
        ServiceMain.run("notifier", NotifierMain.class, args, Map.of());
    }
}
