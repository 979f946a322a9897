package io.ludus.sim;

import io.ludus.sim.Tactics.AbilityRule;
import io.ludus.sim.Tactics.Filter;
import io.ludus.sim.Tactics.Order;
import io.ludus.sim.Tactics.Side;
import io.ludus.sim.Tactics.TargetRule;
import io.ludus.sim.content.ContentPack;

import java.util.List;

/** A small content pack whose classes isolate one mechanic each, and builders for setups over it. */
final class Fixtures {
    /** No randomness, no fatigue, no budget; units spawn 800 apart. Cooldown 20000 means once per battle. */
    static final String QUIET_RULES = "arenaWidth=1000 arenaHeight=1200 damageVariancePercent=0 fatigueStartTick=20000 "
            + "teamPointBudget=0 castLockTicks=1 maxAbilitiesPerUnit=8";

    private static final String BODY = """
            ability bolt target=ENEMY range=2000 cooldown=30 cost=0 points=0 damage=100
            ability stun target=ENEMY range=2000 cooldown=100 cost=0 points=0 status=STUN duration=40
            ability shield target=SELF cooldown=20000 cost=0 points=0 status=SHIELD magnitude=300 duration=500
            ability mend target=ALLY range=2000 cooldown=20 cost=0 points=0 heal=50
            ability poison target=ENEMY range=2000 cooldown=20000 cost=0 points=0 status=DAMAGE_OVER_TIME magnitude=10 duration=50 interval=10
            ability regrowth target=ALLY range=2000 cooldown=20000 cost=0 points=0 status=HEAL_OVER_TIME magnitude=10 duration=50 interval=10
            ability weaken target=ENEMY range=2000 cooldown=20000 cost=0 points=0 status=ARMOUR_MODIFIER magnitude=-50 duration=30
            ability empower target=SELF cooldown=20000 cost=0 points=0 status=DAMAGE_MODIFIER magnitude=50 duration=30
            ability expensive target=ENEMY range=2000 cooldown=1 cost=60 points=0 damage=10
            ability nova target=ENEMY range=2000 area=150 cooldown=20000 cost=0 points=0 damage=100
            class dummy health=10000 armour=0 speed=0 range=10 attack=0 attackCooldown=10 resource=MANA maxResource=100 resourceRegen=0 startResource=100 points=0 abilities=bolt,stun,shield,mend,poison,regrowth,weaken,empower
            class caster health=10000 armour=0 speed=0 range=10 attack=0 attackCooldown=10 resource=MANA maxResource=100 resourceRegen=1 startResource=100 points=0 abilities=expensive,nova
            class armoured health=10000 armour=100 speed=0 range=10 attack=0 attackCooldown=10 resource=MANA maxResource=100 resourceRegen=0 startResource=0 points=0
            class weakling health=500 armour=0 speed=0 range=10 attack=0 attackCooldown=10 resource=MANA maxResource=100 resourceRegen=0 startResource=0 points=0
            class brawler health=3000 armour=0 speed=5 range=30 attack=10 attackCooldown=10 resource=ENERGY maxResource=100 resourceRegen=0 startResource=0 points=0
            class plodder health=3000 armour=0 speed=3 range=30 attack=10 attackCooldown=10 resource=ENERGY maxResource=100 resourceRegen=0 startResource=0 points=0
            class archer health=3000 armour=0 speed=5 range=300 attack=10 attackCooldown=10 resource=ENERGY maxResource=100 resourceRegen=0 startResource=0 points=0
            """;

    private Fixtures() {}

    static ContentPack pack() {
        return pack(QUIET_RULES);
    }

    static ContentPack pack(String rules) {
        return ContentPack.parse("rules " + rules + "\n" + BODY);
    }

    static UnitLoadout unit(String classId, List<AbilityRule> priority, List<TargetRule> focus) {
        return new UnitLoadout(classId, priority.stream().map(AbilityRule::abilityId).distinct().toList(),
                new Tactics(priority, focus));
    }

    static UnitLoadout unit(String classId, AbilityRule... priority) {
        return unit(classId, List.of(priority), List.of());
    }

    static AbilityRule cast(String abilityId, Side side, Filter filter, int percent, Order order) {
        return new AbilityRule(abilityId, new TargetRule(side, filter, percent, order));
    }

    static AbilityRule cast(String abilityId, Side side) {
        return cast(abilityId, side, Filter.ANY, 0, Order.NEAREST);
    }

    static TargetRule focus(Filter filter, int percent, Order order) {
        return new TargetRule(Side.ENEMY, filter, percent, order);
    }

    static BattleSetup setup(ContentPack pack, List<UnitLoadout> teamA, List<UnitLoadout> teamB) {
        return new BattleSetup(pack.version(), 42, new TeamLoadout("player-a", teamA), new TeamLoadout("player-b", teamB));
    }

    static Recorder run(ContentPack pack, List<UnitLoadout> teamA, List<UnitLoadout> teamB) {
        Recorder recorder = new Recorder();
        recorder.result = new BattleSimulator(pack).run(setup(pack, teamA, teamB), recorder);
        return recorder;
    }
}
