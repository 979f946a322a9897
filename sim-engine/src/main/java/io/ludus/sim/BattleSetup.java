package io.ludus.sim;

/** Everything a battle is a pure function of. */
public record BattleSetup(String contentVersion, long seed, TeamLoadout teamA, TeamLoadout teamB) {}
