package io.ludus.sim.content;

/** Who an ability may be cast on: an enemy, an ally (including the caster), or only the caster. */
public enum AbilityTarget { ENEMY, ALLY, SELF }
