package io.ludus.workers;

import io.ludus.events.topic.Topics;

/** The topics a worker reads and writes: the catalogue's names, optionally behind a prefix (one cluster, several environments). */
public record WorkerTopics(String requests, String results) {

    public static WorkerTopics withPrefix(String prefix) {
        return new WorkerTopics(prefix + Topics.SIMULATION_REQUESTS.name(), prefix + Topics.SIMULATION_RESULTS.name());
    }
}
