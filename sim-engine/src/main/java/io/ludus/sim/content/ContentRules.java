package io.ludus.sim.content;

/**
 * Pack-wide rules, from the optional {@code rules} line; each key defaults to the value named below.
 *
 * @param arenaWidth                  arena size in arena units (default 2000)
 * @param arenaHeight                 default 1200
 * @param minTeamSize                 units per team, inclusive (default 1)
 * @param maxTeamSize                 default 5
 * @param maxAbilitiesPerUnit         default 3
 * @param maxAbilityRules             tactics ability-priority rules per unit (default 6)
 * @param maxFocusRules               tactics focus rules per unit (default 4)
 * @param teamPointBudget             sum of class and ability points per team; 0 means unlimited (default 30)
 * @param fatigueStartTick            first tick of fatigue (default 900)
 * @param fatigueStepTicks            ticks per fatigue level; fatigue also deals its damage once per step (default 50)
 * @param fatigueDamageRampPerMille   extra damage per fatigue level, per mille (default 100)
 * @param fatigueHealingDecayPerMille less healing per fatigue level, per mille (default 100)
 * @param fatigueDamagePerLevel       true damage per fatigue level, dealt each step (default 20)
 * @param damageVariancePercent       hits vary by plus or minus this percentage (default 10)
 * @param castLockTicks               after a cast the unit does nothing else for this long (default 5)
 * @param kiteMinRange                units with at least this attack range keep their distance (default 100)
 * @param kiteDistancePercent         they back off from enemies closer than this share of their range (default 50)
 */
public record ContentRules(int arenaWidth, int arenaHeight, int minTeamSize, int maxTeamSize, int maxAbilitiesPerUnit,
                           int maxAbilityRules, int maxFocusRules, int teamPointBudget, int fatigueStartTick,
                           int fatigueStepTicks, int fatigueDamageRampPerMille, int fatigueHealingDecayPerMille,
                           int fatigueDamagePerLevel, int damageVariancePercent, int castLockTicks, int kiteMinRange,
                           int kiteDistancePercent) {}
