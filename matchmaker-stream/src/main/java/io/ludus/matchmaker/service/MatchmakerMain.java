package io.ludus.matchmaker.service;

import io.micronaut.runtime.Micronaut;

/**
 * Runs the matchmaker as its own process against a cluster, with health, metrics and queue queries over HTTP.
 * Same keys as in the standalone server, e.g. {@code LUDUS_KAFKA_BOOTSTRAP_SERVERS}, {@code LUDUS_MATCHMAKER_STATE_DIR}.
 */
public final class MatchmakerMain {

    private MatchmakerMain() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(MatchmakerMain.class).banner(false).start();
    }
}
