package io.ludus.sim.content;

import io.ludus.sim.StatusKind;

/**
 * An ability: on cast it deals {@code damage} or restores {@code heal} to each affected unit, then applies
 * {@code status} (if not null) with {@code magnitude} for {@code duration} ticks, pulsing every
 * {@code interval} ticks for damage/heal over time. {@code area > 0} affects every unit of the target's
 * side within that radius of the target.
 */
public record Ability(String id, AbilityTarget target, int range, int cooldown, int cost, int points,
                      int damage, int heal, int area, StatusKind status, int magnitude, int duration, int interval) {}
