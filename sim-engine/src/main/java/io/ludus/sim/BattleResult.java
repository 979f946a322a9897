package io.ludus.sim;

import java.util.List;

/** The outcome of a battle and per-unit stats, in spawn order (team A's units first). */
public record BattleResult(Outcome outcome, int ticks, List<UnitStats> units) {
    public BattleResult {
        units = List.copyOf(units);
    }

    public record UnitStats(int unit, int team, String classId, int kills, boolean died,
                            long damageDealt, long damageTaken, long healingDone, int abilitiesCast) {}
}
