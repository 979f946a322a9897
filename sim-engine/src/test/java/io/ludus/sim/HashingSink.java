package io.ludus.sim;

/** Folds every event into a 64-bit FNV-1a hash, allocation-free, so whole event streams can be compared. */
final class HashingSink implements BattleEventSink {
    long hash = 0xcbf29ce484222325L;
    int events;

    private void mix(int kind, int tick, int a, int b) {
        events++;
        mix(kind);
        mix(tick);
        mix(a);
        mix(b);
    }

    private void mix(int value) {
        hash = (hash ^ value) * 0x100000001b3L;
    }

    @Override public void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) { mix(1, tick, unit, team); mix(classIndex); mix(x); mix(y); mix(maxHealth); }
    @Override public void move(int tick, int unit, int x, int y) { mix(2, tick, unit, x); mix(y); }
    @Override public void cast(int tick, int unit, int abilityIndex, int targetUnit, int x, int y) { mix(3, tick, unit, abilityIndex); mix(targetUnit); mix(x); mix(y); }
    @Override public void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) { mix(4, tick, source, target); mix(abilityIndex); mix(amount); mix(absorbed); }
    @Override public void heal(int tick, int source, int target, int abilityIndex, int amount) { mix(5, tick, source, target); mix(abilityIndex); mix(amount); }
    @Override public void status(int tick, int unit, int statusKind, int source, int magnitude, int durationTicks) { mix(6, tick, unit, statusKind); mix(source); mix(magnitude); mix(durationTicks); }
    @Override public void death(int tick, int unit, int killer) { mix(7, tick, unit, killer); }
    @Override public void end(int tick, int outcome) { mix(8, tick, outcome, 0); }
}
