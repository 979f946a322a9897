package io.ludus.sim;

import java.util.List;

/** One player's team as submitted: the units in spawn order. */
public record TeamLoadout(String playerId, List<UnitLoadout> units) {
    public TeamLoadout {
        units = List.copyOf(units);
    }
}
