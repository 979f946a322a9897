package io.ludus.replay.format;

import io.ludus.sim.BattleEventSink;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event as one line of text, so event streams compare with equals. */
public final class RecordingSink implements BattleEventSink {

    public final List<String> lines = new ArrayList<>();

    @Override
    public void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) {
        lines.add("spawn " + tick + " " + unit + " " + team + " " + classIndex + " " + x + " " + y + " " + maxHealth);
    }

    @Override
    public void move(int tick, int unit, int x, int y) {
        lines.add("move " + tick + " " + unit + " " + x + " " + y);
    }

    @Override
    public void cast(int tick, int unit, int abilityIndex, int targetUnit, int x, int y) {
        lines.add("cast " + tick + " " + unit + " " + abilityIndex + " " + targetUnit + " " + x + " " + y);
    }

    @Override
    public void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) {
        lines.add("hit " + tick + " " + source + " " + target + " " + abilityIndex + " " + amount + " " + absorbed);
    }

    @Override
    public void heal(int tick, int source, int target, int abilityIndex, int amount) {
        lines.add("heal " + tick + " " + source + " " + target + " " + abilityIndex + " " + amount);
    }

    @Override
    public void status(int tick, int unit, int statusKind, int source, int magnitude, int durationTicks) {
        lines.add("status " + tick + " " + unit + " " + statusKind + " " + source + " " + magnitude + " " + durationTicks);
    }

    @Override
    public void death(int tick, int unit, int killer) {
        lines.add("death " + tick + " " + unit + " " + killer);
    }

    @Override
    public void end(int tick, int outcome) {
        lines.add("end " + tick + " " + outcome);
    }
}
