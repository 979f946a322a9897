package io.ludus.replay.store;

/** A replay's bytes together with its reference; the bytes have been checked against the hash. */
public record StoredReplay(ReplayRef ref, byte[] bytes) {}
