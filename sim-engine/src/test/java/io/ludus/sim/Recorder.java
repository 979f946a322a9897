package io.ludus.sim;

import java.util.ArrayList;
import java.util.List;

/** Keeps every sink event, and tracks positions so hits can be checked against distances. */
final class Recorder implements BattleEventSink {
    sealed interface Event {
        int tick();
    }

    record Move(int tick, int unit, int x, int y, long distSqToNearestEnemyBefore, long distSqToNearestEnemyAfter) implements Event {}
    record Cast(int tick, int unit, int ability, int target) implements Event {}
    record Hit(int tick, int source, int target, int ability, int amount, int absorbed, long distSq) implements Event {}
    record Heal(int tick, int source, int target, int ability, int amount) implements Event {}
    record Status(int tick, int unit, int kind, int source, int magnitude, int duration) implements Event {}
    record Death(int tick, int unit, int killer) implements Event {}
    record End(int tick, int outcome) implements Event {}

    final List<Event> events = new ArrayList<>();
    private final int[] x = new int[32];
    private final int[] y = new int[32];
    private final int[] team = new int[32];
    private int units;
    BattleResult result;

    @Override
    public void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) {
        this.x[unit] = x;
        this.y[unit] = y;
        this.team[unit] = team;
        units = Math.max(units, unit + 1);
    }

    @Override
    public void move(int tick, int unit, int x, int y) {
        long before = nearestEnemyDistSq(unit);
        this.x[unit] = x;
        this.y[unit] = y;
        events.add(new Move(tick, unit, x, y, before, nearestEnemyDistSq(unit)));
    }

    @Override
    public void cast(int tick, int unit, int abilityIndex, int targetUnit, int x, int y) {
        events.add(new Cast(tick, unit, abilityIndex, targetUnit));
    }

    @Override
    public void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) {
        events.add(new Hit(tick, source, target, abilityIndex, amount, absorbed, source < 0 ? -1 : distSq(source, target)));
    }

    @Override
    public void heal(int tick, int source, int target, int abilityIndex, int amount) {
        events.add(new Heal(tick, source, target, abilityIndex, amount));
    }

    @Override
    public void status(int tick, int unit, int statusKind, int source, int magnitude, int durationTicks) {
        events.add(new Status(tick, unit, statusKind, source, magnitude, durationTicks));
    }

    @Override
    public void death(int tick, int unit, int killer) {
        events.add(new Death(tick, unit, killer));
    }

    @Override
    public void end(int tick, int outcome) {
        events.add(new End(tick, outcome));
    }

    <T extends Event> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<Cast> casts(int unit, int ability) {
        return all(Cast.class).stream().filter(c -> c.unit() == unit && c.ability() == ability).toList();
    }

    List<Hit> hitsOn(int target) {
        return all(Hit.class).stream().filter(h -> h.target() == target).toList();
    }

    private long distSq(int a, int b) {
        long dx = x[a] - x[b];
        long dy = y[a] - y[b];
        return dx * dx + dy * dy;
    }

    private long nearestEnemyDistSq(int unit) {
        long best = Long.MAX_VALUE;
        for (int v = 0; v < units; v++) {
            if (team[v] != team[unit]) best = Math.min(best, distSq(unit, v));
        }
        return best;
    }
}
