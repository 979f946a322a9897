package io.ludus.matchmaker.topology;

import io.ludus.events.queue.QueueDefinition;

/**
 * Keys of the queue stage: the queue id for an unbanded queue (one key, one partition), {@code <queueId>#<band>}
 * for a queue with a band width, so its bands spread over partitions. Queue ids cannot contain '#'.
 */
final class QueueKeys {

    private QueueKeys() {}

    static String key(QueueDefinition queue, int band) {
        return queue.banded() ? bandKey(queue.id(), band) : queue.id();
    }

    static String bandKey(String queueId, int band) {
        return bandPrefix(queueId) + band;
    }

    /** Prefix shared by every band key of a banded queue. */
    static String bandPrefix(String queueId) {
        return queueId + "#";
    }
}
