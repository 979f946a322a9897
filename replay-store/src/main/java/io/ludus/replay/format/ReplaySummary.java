package io.ludus.replay.format;

import io.ludus.sim.Outcome;

/** A replay's header and result, without its frames. */
public record ReplaySummary(int formatVersion, ReplayHeader header, Outcome outcome, int ticks, long frames) {}
