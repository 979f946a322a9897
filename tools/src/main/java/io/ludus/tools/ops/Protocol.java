package io.ludus.tools.ops;

/** The rebalance protocol a group runs: classic (eager/cooperative), consumer (KIP-848) or streams (KIP-1071). */
public enum Protocol {
    classic, consumer, streams
}
