package io.ludus.sim.content;

import java.util.List;

/** A unit class: base stats and the abilities a unit of this class may pick from. Distances are arena units, times ticks. */
public record UnitClass(String id, int health, int armour, int speed, int range, int attack, int attackCooldown,
                        ResourceKind resource, int maxResource, int resourceRegen, int startResource, int points,
                        List<String> abilities) {
    public UnitClass {
        abilities = List.copyOf(abilities);
    }
}
