package io.ludus.replay;

import io.micronaut.runtime.Micronaut;

/**
 * Runs the replay store as its own process (distributed mode): the replay API, retention, and
 * ReplayDeleted events. Configure with {@code ludus.replay.*}, {@code ludus.kafka.bootstrap-servers},
 * {@code ludus.registry.url} and the JWT secret, e.g. as environment variables
 * ({@code LUDUS_REPLAY_STORE=s3}, {@code LUDUS_REPLAY_S3_BUCKET=...}); see replay-store/README.md.
 */
public final class ReplayStoreMain {

    private ReplayStoreMain() {}

    public static void main(String[] args) {
        builder(args).start();
    }

    /** The process as main starts it; tests build and start it without main's exit on failure. */
    static Micronaut builder(String... args) {
        return Micronaut.build(args).mainClass(ReplayStoreMain.class).banner(false);
    }
}
