package io.ludus.replay.format;

import io.ludus.sim.Outcome;

/** The last record of a replay: how and when the battle ended. */
public record ReplayEnd(Outcome outcome, int ticks) {}
