package io.ludus.sim;

import io.ludus.sim.Recorder.Cast;
import io.ludus.sim.Recorder.Death;
import io.ludus.sim.Recorder.End;
import io.ludus.sim.Recorder.Heal;
import io.ludus.sim.Recorder.Hit;
import io.ludus.sim.Recorder.Move;
import io.ludus.sim.Recorder.Status;
import io.ludus.sim.Tactics.Filter;
import io.ludus.sim.Tactics.Order;
import io.ludus.sim.Tactics.Side;
import io.ludus.sim.content.ContentPack;
import org.junit.jupiter.api.Test;
import org.assertj.core.groups.Tuple;

import java.util.List;

import static io.ludus.sim.Fixtures.cast;
import static io.ludus.sim.Fixtures.focus;
import static io.ludus.sim.Fixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;

class BattleMechanicsTest {
    private final ContentPack pack = Fixtures.pack();

    private int ability(String id) {
        return pack.abilityIndex(id);
    }

    @Test
    void abilityIsCastAgainOnlyWhenItsCooldownHasPassed() {
        // given a unit whose only rule is a 30-tick-cooldown bolt
        Recorder battle = Fixtures.run(pack, List.of(unit("dummy", cast("bolt", Side.ENEMY))), List.of(unit("dummy")));

        // then consecutive casts are exactly one cooldown apart, from the first tick on
        List<Cast> casts = battle.casts(0, ability("bolt"));
        assertThat(casts).hasSize(100); // the 100th bolt kills the 10,000-health target
        assertThat(casts.getFirst().tick()).isEqualTo(1);
        for (int i = 1; i < casts.size(); i++) {
            assertThat(casts.get(i).tick() - casts.get(i - 1).tick()).isEqualTo(30);
        }
    }

    @Test
    void stunnedUnitDoesNothingUntilTheStunExpires() {
        // given A stuns B every 100 ticks for 40 ticks, and B bolts whenever it can
        Recorder battle = Fixtures.run(pack, List.of(unit("dummy", cast("stun", Side.ENEMY))),
                List.of(unit("dummy", cast("bolt", Side.ENEMY))));

        List<Status> stuns = battle.all(Status.class).stream()
                .filter(s -> s.unit() == 1 && s.kind() == StatusKind.STUN.ordinal() && s.duration() > 0).toList();
        List<Cast> bolts = battle.casts(1, ability("bolt"));
        assertThat(stuns).hasSizeGreaterThan(30);
        assertThat(bolts).isNotEmpty();
        // then B never casts while stunned, and each stun is reported as expired 40 ticks later
        for (Status stun : stuns) {
            assertThat(bolts).noneMatch(b -> b.tick() > stun.tick() && b.tick() < stun.tick() + 40);
            assertThat(battle.all(Status.class)).anyMatch(s -> s.unit() == 1 && s.kind() == StatusKind.STUN.ordinal()
                    && s.duration() == 0 && s.tick() == stun.tick() + 40);
        }
        // and B casts fewer bolts than an unstunned unit would (10,000 / 30)
        assertThat(bolts.size()).isLessThan(10_000 / 30);
    }

    @Test
    void shieldAbsorbsDamageBeforeHealth() {
        // given A shields itself (300) and B bolts A for 100 every 30 ticks
        Recorder battle = Fixtures.run(pack, List.of(unit("dummy", cast("shield", Side.SELF))),
                List.of(unit("dummy", cast("bolt", Side.ENEMY))));

        int shieldAt = battle.events.indexOf(battle.all(Status.class).stream()
                .filter(s -> s.kind() == StatusKind.SHIELD.ordinal() && s.duration() > 0).findFirst().orElseThrow());
        List<Hit> afterShield = battle.events.subList(shieldAt, battle.events.size()).stream()
                .filter(e -> e instanceof Hit h && h.target() == 0).map(Hit.class::cast).toList();
        // then the first three hits go entirely into the shield, the fourth entirely into health
        assertThat(afterShield.subList(0, 4)).extracting(Hit::amount, Hit::absorbed).containsExactly(
                Tuple.tuple(0, 100), Tuple.tuple(0, 100),
                Tuple.tuple(0, 100), Tuple.tuple(100, 0));
        // and the depleted shield is reported as removed on the third hit
        assertThat(battle.all(Status.class)).anyMatch(s -> s.kind() == StatusKind.SHIELD.ordinal()
                && s.duration() == 0 && s.tick() == afterShield.get(2).tick());
    }

    @Test
    void fatigueRampsDamageUpAndHealingDown() {
        // given fatigue from tick 100, +10% damage and -10% healing per 50-tick level, and 5 true damage per level
        ContentPack fatigued = Fixtures.pack(Fixtures.QUIET_RULES.replace("fatigueStartTick=20000",
                "fatigueStartTick=100 fatigueStepTicks=50 fatigueDamageRampPerMille=100 fatigueHealingDecayPerMille=100 fatigueDamagePerLevel=5"));
        Recorder battle = Fixtures.run(fatigued,
                List.of(unit("dummy", cast("mend", Side.SELF, Filter.HEALTH_BELOW_PERCENT, 100, Order.NEAREST))),
                List.of(unit("dummy", cast("bolt", Side.ENEMY))));

        List<Hit> bolts = battle.hitsOn(0).stream().filter(h -> h.source() == 1).toList();
        List<Heal> mends = battle.all(Heal.class);
        assertThat(bolts).hasSizeGreaterThan(20);
        assertThat(mends).hasSizeGreaterThan(20);
        // then every bolt (but the killing one, capped at the health left) and mend is scaled by the fatigue level
        for (Hit bolt : bolts.subList(0, bolts.size() - 1)) {
            assertThat(bolt.amount()).isEqualTo(100 * (1000 + 100 * level(bolt.tick())) / 1000);
        }
        int health = 10_000;
        for (Recorder.Event event : battle.events) {
            if (event instanceof Hit hit && hit.target() == 0) {
                health -= hit.amount();
            } else if (event instanceof Heal mend) {
                int scaled = 50 * Math.max(0, 1000 - 100 * level(mend.tick())) / 1000;
                assertThat(mend.amount()).isEqualTo(Math.min(scaled, 10_000 - health));
                health += mend.amount();
            }
        }
        assertThat(bolts.getFirst().amount()).isEqualTo(100);
        assertThat(bolts.get(bolts.size() - 2).amount()).isGreaterThan(300);
        assertThat(mends.getLast().amount()).isZero();
        // and fatigue itself deals true damage that grows with the level
        List<Hit> fatigue = battle.all(Hit.class).stream().filter(h -> h.source() == -1).toList();
        assertThat(fatigue).isNotEmpty().allSatisfy(h -> assertThat(h.amount()).isEqualTo(5 * level(h.tick())));
    }

    private static int level(int tick) {
        return tick < 100 ? 0 : 1 + (tick - 100) / 50;
    }

    @Test
    void meleeUnitClosesDistanceAndAttacksFromWithinItsRange() {
        // given a melee brawler (range 30) 800 units from a target that cannot move
        Recorder battle = Fixtures.run(pack, List.of(unit("brawler")), List.of(unit("weakling")));

        List<Move> moves = battle.all(Move.class);
        assertThat(moves).isNotEmpty().allMatch(m -> m.unit() == 0);
        // then each step brings it closer, and it attacks only once within range, without walking into the target
        assertThat(moves).allMatch(m -> m.distSqToNearestEnemyAfter() < m.distSqToNearestEnemyBefore());
        List<Hit> attacks = battle.hitsOn(1);
        assertThat(attacks).isNotEmpty().allMatch(h -> h.distSq() <= 30 * 30 && h.distSq() >= 20 * 20);
        assertThat(attacks.getFirst().tick()).isGreaterThan(moves.getLast().tick());
        assertThat(battle.result.outcome()).isEqualTo(Outcome.TEAM_A_WINS);
    }

    @Test
    void rangedUnitAttacksFromRangeAndBacksOffFromAChasingMeleeUnit() {
        // given an archer (range 300, speed 5) against a slower melee plodder (speed 3)
        Recorder battle = Fixtures.run(pack, List.of(unit("archer")), List.of(unit("plodder")));

        List<Hit> archerHits = battle.hitsOn(1);
        // then it opens fire from close to its full range, not from melee range
        assertThat(archerHits.getFirst().distSq()).isBetween(250L * 250, 300L * 300);
        // and it moves away from the plodder whenever it comes within half its range
        List<Move> retreats = battle.all(Move.class).stream()
                .filter(m -> m.unit() == 0 && m.distSqToNearestEnemyAfter() > m.distSqToNearestEnemyBefore()).toList();
        assertThat(retreats).isNotEmpty().allMatch(m -> m.distSqToNearestEnemyBefore() < 150L * 150);
    }

    @Test
    void abilityTargetRulePicksTheLowestHealthEnemy() {
        // given B fields a sturdy dummy first and a weakling second, and A bolts the lowest-health enemy
        Recorder battle = Fixtures.run(pack, List.of(unit("dummy", cast("bolt", Side.ENEMY, Filter.ANY, 0, Order.LOWEST_HEALTH))),
                List.of(unit("dummy"), unit("weakling")));

        // then every bolt goes to the weakling until it dies, then to the dummy
        List<Cast> bolts = battle.casts(0, ability("bolt"));
        int death = battle.all(Death.class).getFirst().tick();
        assertThat(battle.all(Death.class).getFirst().unit()).isEqualTo(2);
        assertThat(bolts).filteredOn(c -> c.tick() <= death).hasSize(5).allMatch(c -> c.target() == 2);
        assertThat(bolts).filteredOn(c -> c.tick() > death).isNotEmpty().allMatch(c -> c.target() == 1);
    }

    @Test
    void healerHealsTheAllyOnlyOnceItDropsBelowTheThreshold() {
        // given B bolts A's weakling (500 health), and A's healer mends allies under 40% health
        Recorder battle = Fixtures.run(pack,
                List.of(unit("dummy", cast("mend", Side.ALLY, Filter.HEALTH_BELOW_PERCENT, 40, Order.LOWEST_HEALTH_PERCENT)),
                        unit("weakling")),
                List.of(unit("dummy", cast("bolt", Side.ENEMY, Filter.ANY, 0, Order.LOWEST_HEALTH))));

        List<Hit> hitsOnWeakling = battle.hitsOn(1);
        List<Cast> mends = battle.casts(0, ability("mend"));
        // then the first mend comes on the tick of the fourth bolt (500 -> 100 health), and targets the weakling
        int weaklingDeath = battle.all(Death.class).getFirst().tick();
        assertThat(mends).filteredOn(c -> c.tick() <= weaklingDeath).isNotEmpty().allMatch(c -> c.target() == 1);
        assertThat(mends.getFirst().tick()).isGreaterThanOrEqualTo(hitsOnWeakling.get(3).tick());
        assertThat(mends.getFirst().tick()).isLessThan(hitsOnWeakling.get(4).tick());
    }

    @Test
    void focusRuleChoosesWhomTheUnitWalksToAndAttacks() {
        // given a brawler told to focus the highest-health enemy, facing a weakling and a sturdier brawler
        Recorder battle = Fixtures.run(pack, List.of(unit("brawler", List.of(), List.of(focus(Filter.ANY, 0, Order.HIGHEST_HEALTH)))),
                List.of(unit("weakling"), unit("brawler")));

        // then its first attack lands on the brawler (unit 2), not the weakling
        Hit first = battle.all(Hit.class).stream().filter(h -> h.source() == 0).findFirst().orElseThrow();
        assertThat(first.target()).isEqualTo(2);
    }

    @Test
    void damageOverTimeTicksEveryIntervalUntilItExpires() {
        // given A poisons B once: 10 damage every 10 ticks for 50 ticks
        Recorder battle = Fixtures.run(pack, List.of(unit("dummy", cast("poison", Side.ENEMY))), List.of(unit("dummy")));

        int castTick = battle.casts(0, ability("poison")).getFirst().tick();
        // then exactly five pulses land, ten ticks apart, and the status is then reported as expired
        List<Hit> pulses = battle.hitsOn(1).stream().filter(h -> h.tick() <= castTick + 50).toList();
        assertThat(pulses).extracting(Hit::tick).containsExactly(castTick + 10, castTick + 20, castTick + 30, castTick + 40, castTick + 50);
        assertThat(pulses).allMatch(h -> h.amount() == 10 && h.ability() == ability("poison"));
        assertThat(battle.all(Status.class)).anyMatch(s -> s.kind() == StatusKind.DAMAGE_OVER_TIME.ordinal()
                && s.duration() == 0 && s.tick() == castTick + 50);
    }

    @Test
    void healOverTimeRestoresHealthEveryInterval() {
        // given B bolts A, and A puts a heal over time on itself once hurt
        Recorder battle = Fixtures.run(pack,
                List.of(unit("dummy", cast("regrowth", Side.SELF, Filter.HEALTH_BELOW_PERCENT, 100, Order.NEAREST))),
                List.of(unit("dummy", cast("bolt", Side.ENEMY))));

        int castTick = battle.casts(0, ability("regrowth")).getFirst().tick();
        // then A regains 10 health five times, ten ticks apart
        assertThat(battle.all(Heal.class)).extracting(Heal::tick, Heal::amount).containsExactly(
                Tuple.tuple(castTick + 10, 10), Tuple.tuple(castTick + 20, 10),
                Tuple.tuple(castTick + 30, 10), Tuple.tuple(castTick + 40, 10),
                Tuple.tuple(castTick + 50, 10));
    }

    @Test
    void armourDebuffRaisesDamageTakenOnlyUntilItExpires() {
        // given A weakens an armoured unit (armour 100 -> 50 for 30 ticks), then bolts it every 30 ticks
        Recorder battle = Fixtures.run(pack, List.of(unit("dummy", cast("weaken", Side.ENEMY), cast("bolt", Side.ENEMY))),
                List.of(unit("armoured")));

        int weakenTick = battle.casts(0, ability("weaken")).getFirst().tick();
        List<Hit> bolts = battle.hitsOn(1);
        // then the bolt inside the debuff deals 100*100/150, later bolts 100*100/200, and the expiry is reported
        assertThat(bolts.getFirst().tick()).isLessThan(weakenTick + 30);
        assertThat(bolts.getFirst().amount()).isEqualTo(66);
        assertThat(bolts.subList(1, 20)).allMatch(h -> h.amount() == 50);
        assertThat(battle.all(Status.class)).anyMatch(s -> s.kind() == StatusKind.ARMOUR_MODIFIER.ordinal()
                && s.duration() == 0 && s.tick() == weakenTick + 30);
    }

    @Test
    void damageBuffRaisesDamageDealtOnlyUntilItExpires() {
        // given A empowers itself (+50% damage for 30 ticks), then bolts every 30 ticks
        Recorder battle = Fixtures.run(pack, List.of(unit("dummy", cast("empower", Side.SELF), cast("bolt", Side.ENEMY))),
                List.of(unit("dummy")));

        List<Hit> bolts = battle.hitsOn(1);
        // then the one bolt under the buff deals 150, later ones 100
        assertThat(bolts.getFirst().amount()).isEqualTo(150);
        assertThat(bolts.subList(1, 20)).allMatch(h -> h.amount() == 100);
    }

    @Test
    void castingCostsResourceAndWaitsForRegeneration() {
        // given a 60-mana ability with no cooldown to speak of, and 100 mana to start with
        ContentPack noRegen = ContentPack.parse("rules " + Fixtures.QUIET_RULES + "\n"
                + "ability expensive target=ENEMY range=2000 cooldown=1 cost=60 points=0 damage=10\n"
                + "class miser health=10000 armour=0 speed=0 range=10 attack=0 attackCooldown=10 resource=MANA "
                + "maxResource=100 resourceRegen=0 startResource=100 points=0 abilities=expensive\n");
        Recorder once = Fixtures.run(noRegen, List.of(unit("miser", cast("expensive", Side.ENEMY))), List.of(unit("miser")));
        // then without regeneration it is cast exactly once
        assertThat(once.all(Cast.class)).hasSize(1);

        Recorder regen = Fixtures.run(pack, List.of(unit("caster", cast("expensive", Side.ENEMY))), List.of(unit("dummy")));
        // and with 1 mana per tick: at once (100 -> 40), when 20 ticks have refilled 60, then every 60 ticks
        assertThat(regen.casts(0, ability("expensive")).subList(0, 4)).extracting(Cast::tick).containsExactly(1, 21, 81, 141);
    }

    @Test
    void areaAbilityHitsEveryEnemyWithinItsRadiusAndNoAlly() {
        // given a narrow arena where B's three units stand within 150 of each other
        ContentPack narrow = Fixtures.pack(Fixtures.QUIET_RULES.replace("arenaHeight=1200", "arenaHeight=200"));
        Recorder battle = Fixtures.run(narrow, List.of(unit("caster", cast("nova", Side.ENEMY)), unit("dummy")),
                List.of(unit("dummy"), unit("dummy"), unit("dummy")));

        // then one nova cast hits all three, and nobody on A's side
        int nova = narrow.abilityIndex("nova");
        assertThat(battle.all(Hit.class)).filteredOn(h -> h.ability() == nova)
                .extracting(Hit::target).containsExactly(2, 3, 4);
    }

    @Test
    void killIsCreditedAndReportedInTheResult() {
        // given a brawler against a weakling (500 health) that cannot fight back
        Recorder battle = Fixtures.run(pack, List.of(unit("brawler")), List.of(unit("weakling")));

        BattleResult result = battle.result;
        Death death = battle.all(Death.class).getFirst();
        // then the weakling dies to the brawler, A wins on the death tick, and the stats add up
        assertThat(death.unit()).isEqualTo(1);
        assertThat(death.killer()).isEqualTo(0);
        assertThat(result.outcome()).isEqualTo(Outcome.TEAM_A_WINS);
        assertThat(result.ticks()).isEqualTo(death.tick());
        assertThat(battle.all(End.class)).containsExactly(new End(death.tick(), Outcome.TEAM_A_WINS.ordinal()));
        BattleResult.UnitStats brawler = result.units().get(0);
        BattleResult.UnitStats weakling = result.units().get(1);
        assertThat(brawler.kills()).isEqualTo(1);
        assertThat(brawler.died()).isFalse();
        assertThat(brawler.classId()).isEqualTo("brawler");
        assertThat(brawler.damageDealt()).isEqualTo(500).isEqualTo(weakling.damageTaken());
        assertThat(weakling.died()).isTrue();
        assertThat(weakling.team()).isEqualTo(1);
    }

    @Test
    void battleStillUndecidedAtTenThousandTicksIsADraw() {
        // given two units that cannot hurt each other and no fatigue
        Recorder battle = Fixtures.run(pack, List.of(unit("dummy")), List.of(unit("dummy")));

        // then the battle stops at the cap as a draw
        assertThat(battle.result.outcome()).isEqualTo(Outcome.DRAW);
        assertThat(battle.result.ticks()).isEqualTo(BattleSimulator.MAX_TICKS);
        assertThat(battle.all(End.class)).containsExactly(new End(10_000, Outcome.DRAW.ordinal()));
    }
}
