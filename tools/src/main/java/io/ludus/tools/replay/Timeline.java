package io.ludus.tools.replay;

import io.ludus.sim.BattleEventSink;
import io.ludus.sim.content.ContentPack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-unit totals and per-bucket activity (damage, healing, deaths) gathered from a replay's frames; `replay show` and the admin dashboard. */
public final class Timeline implements BattleEventSink {

    /** A unit's whole battle; {@code diedAt} and {@code killer} are null for survivors. */
    public record Unit(int unit, String team, String classId, int maxHealth, long damageDealt, long damageTaken, long healingDone,
                Integer diedAt, Integer killer) {}

    /** One unit's activity within ticks [fromTick, toTick]. */
    public record Activity(int fromTick, int toTick, int unit, long damageDealt, long healingDone, boolean died) {}

    private static final class Tally {
        String team;
        String classId;
        int maxHealth;
        long damageDealt;
        long damageTaken;
        long healingDone;
        Integer diedAt;
        Integer killer;
    }

    private static final class Bucket {
        long damage;
        long healing;
        boolean died;
    }

    private final ContentPack pack;
    private final int bucketTicks;
    private final Map<Integer, Tally> units = new TreeMap<>();
    // bucket index -> unit -> activity
    private final Map<Integer, Map<Integer, Bucket>> buckets = new TreeMap<>();

    public Timeline(ContentPack pack, int bucketTicks) {
        this.pack = pack;
        this.bucketTicks = bucketTicks;
    }

    private Tally tally(int unit) {
        return units.computeIfAbsent(unit, u -> new Tally());
    }

    private Bucket bucket(int tick, int unit) {
        return buckets.computeIfAbsent(tick / bucketTicks, b -> new TreeMap<>()).computeIfAbsent(unit, u -> new Bucket());
    }

    @Override
    public void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) {
        Tally t = tally(unit);
        t.team = team == 0 ? "A" : "B";
        t.classId = pack == null ? "#" + classIndex : pack.unitClass(classIndex).id();
        t.maxHealth = maxHealth;
    }

    @Override
    public void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) {
        tally(target).damageTaken += amount;
        if (source >= 0) {
            tally(source).damageDealt += amount;
            bucket(tick, source).damage += amount;
        }
    }

    @Override
    public void heal(int tick, int source, int target, int abilityIndex, int amount) {
        tally(source).healingDone += amount;
        bucket(tick, source).healing += amount;
    }

    @Override
    public void death(int tick, int unit, int killer) {
        Tally t = tally(unit);
        t.diedAt = tick;
        t.killer = killer >= 0 ? killer : null;
        bucket(tick, unit).died = true;
    }

    public List<Unit> units() {
        List<Unit> result = new ArrayList<>();
        units.forEach((id, t) -> result.add(new Unit(id, t.team, t.classId, t.maxHealth, t.damageDealt, t.damageTaken,
                t.healingDone, t.diedAt, t.killer)));
        return result;
    }

    public List<Activity> activity() {
        List<Activity> result = new ArrayList<>();
        buckets.forEach((b, byUnit) -> byUnit.forEach((unit, a) -> result.add(
                new Activity(b * bucketTicks, (b + 1) * bucketTicks - 1, unit, a.damage, a.healing, a.died))));
        return result;
    }
}
