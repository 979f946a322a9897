package io.ludus.loadtest.swarm;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What every bot adds to while the swarm runs; {@link SwarmReport#of} turns it into the report. */
final class SwarmStats {

    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger loggedIn = new AtomicInteger();
    final Set<String> matchesWithResult = ConcurrentHashMap.newKeySet();
    /** One per ticket whose bot stayed connected: when its join was sent and how long its result took. */
    final ConcurrentLinkedQueue<JoinToResult> joinToResult = new ConcurrentLinkedQueue<>();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final LongAdder joins = new LongAdder();
    final LongAdder joinRetries = new LongAdder();
    final LongAdder results = new LongAdder();
    final LongAdder ticketsEndedWithoutResult = new LongAdder();
    final LongAdder unfinished = new LongAdder();
    final LongAdder friendRequestsSent = new LongAdder();
    final LongAdder friendRequestsAccepted = new LongAdder();
    final LongAdder replaysFetched = new LongAdder();
    final LongAdder replaysVerified = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    final LongAdder resumes = new LongAdder();
    final LongAdder notifications = new LongAdder();
    final LongAdder missed = new LongAdder();
    final LongAdder duplicated = new LongAdder();
    final LongAdder outOfOrder = new LongAdder();
    final LongAdder resyncSkipped = new LongAdder();
    /** The first few broken deliveries, with what the bot knew then: enough to find the cause of a count. */
    final ConcurrentLinkedQueue<String> deliveryExamples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger examplesTaken = new AtomicInteger();
    static final int MAX_EXAMPLES = 30;

    /**
     * @param millis           from sending the join to the result notification
     * @param foundToResultMillis from the MatchFound notification to the result: the pipeline after matching, as a
     *                         client sees it (the rest of {@code millis} is the ticket's wait for opponents)
     */
    record JoinToResult(String queue, long sentNanos, long millis, long foundToResultMillis) {}

    void error(String code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void deliveryExample(String example) {
        if (examplesTaken.incrementAndGet() <= MAX_EXAMPLES) {
            deliveryExamples.add(example);
        }
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> errorsByCode() {
        Map<String, Long> sorted = new TreeMap<>();
        errors.forEach((code, n) -> sorted.put(code, n.sum()));
        return sorted;
    }
}
