package io.ludus.sim;

/** How a battle ended. Ordinals are part of the replay format: append only. */
public enum Outcome {
    TEAM_A_WINS,
    TEAM_B_WINS,
    DRAW
}
