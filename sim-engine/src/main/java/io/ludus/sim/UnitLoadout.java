package io.ludus.sim;

import java.util.List;

/** A unit: its class, the abilities chosen for it, and the tactics the player gave it. */
public record UnitLoadout(String classId, List<String> abilityIds, Tactics tactics) {
    public UnitLoadout {
        abilityIds = List.copyOf(abilityIds);
    }
}
