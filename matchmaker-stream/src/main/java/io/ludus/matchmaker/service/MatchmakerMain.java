package io.ludus.matchmaker.service;

import io.ludus.service.ServiceMain;

import java.util.Map;

/**
 * Runs the matchmaker as its own process against a cluster, with health, metrics and queue queries over HTTP.
 * Instances with the same {@code ludus.matchmaker.application-id} share the queues; each needs its own state
 * directory and, for queue queries across instances, its {@code ludus.matchmaker.advertised-http}.
 */
public final class MatchmakerMain {

    private MatchmakerMain() {}

    public static void main(String[] args) {
        ServiceMain.run("matchmaker", MatchmakerMain.class, args, Map.of());
    }
}
