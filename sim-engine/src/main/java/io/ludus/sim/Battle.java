package io.ludus.sim;

import io.ludus.sim.Tactics.Filter;
import io.ludus.sim.Tactics.Order;
import io.ludus.sim.Tactics.Side;
import io.ludus.sim.content.Ability;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.content.ContentRules;
import io.ludus.sim.content.UnitClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One battle's mutable state, as parallel primitive arrays indexed by unit (spawn order) so that the tick
 * loop allocates nothing. Integer arithmetic only; all randomness comes from the setup's seed.
 *
 * <p>Each tick: fatigue pulses, status effects tick and expire, resources regenerate, then every living,
 * unstunned unit acts in a seeded random order (cast the first applicable ability rule, else attack or
 * move towards its focus target, backing off if it is a ranged unit and an enemy is too close).
 */
final class Battle {
    private static final int STATUS_SLOTS = 8;
    private static final int FREE = -1;
    private static final int MIN_MODIFIER = -90;
    private static final int MAX_MODIFIER = 300;
    private static final int STUN = StatusKind.STUN.ordinal();
    private static final int SHIELD = StatusKind.SHIELD.ordinal();
    private static final int DOT = StatusKind.DAMAGE_OVER_TIME.ordinal();
    private static final int HOT = StatusKind.HEAL_OVER_TIME.ordinal();
    private static final int DAMAGE_MOD = StatusKind.DAMAGE_MODIFIER.ordinal();
    private static final int ARMOUR_MOD = StatusKind.ARMOUR_MODIFIER.ordinal();
    private static final int SPEED_MOD = StatusKind.SPEED_MODIFIER.ordinal();

    // Tactics enums as int codes, so the target search switches on plain ints.
    private static final int ENEMY = 0, ALLY = 1, SELF = 2;
    private static final int ANY = 0, IN_RANGE = 1, HEALTH_BELOW = 2, HEALTH_ABOVE = 3, NOT_STUNNED = 4, UNSHIELDED = 5;
    private static final int NEAREST = 0, FARTHEST = 1, LOWEST_HEALTH = 2, HIGHEST_HEALTH = 3, LOWEST_HEALTH_PERCENT = 4,
            HIGHEST_DAMAGE_DEALT = 5;

    private final ContentPack pack;
    private final ContentRules rules;
    private final Ability[] abilities;
    private final BattleEventSink sink;
    private final SplitMix64 rng;
    private final int n;
    private final int sizeA;

    private final int[] team, cls, x, y, hp, maxHp, armour, speed, range, attack, attackCooldown;
    private final int[] res, maxRes, regen, attackReadyAt, busyUntil, fatiguePhase;
    private final boolean[] alive;
    private final int[] aliveCount = new int[2];

    // Equipped abilities: slot u * maxAbilities + k.
    private final int maxAbilities;
    private final int[] equipped, abilityReadyAt, slotCost;
    private final long[] slotReachSq;

    // Ability-priority rules: u * maxRules + r; ruleSlot is the equipped slot the rule casts.
    private final int maxRules;
    private final int[] ruleCount, ruleSlot, rulePercent, ruleSide, ruleFilter, ruleOrder;

    private final int maxFocus;
    private final int[] focusCount, focusPercent, focusFilter, focusOrder;

    // Status effects: slot u * STATUS_SLOTS + k; kind is a StatusKind ordinal or FREE.
    private final int[] stKind, stSource, stAbility, stMagnitude, stRemaining, stInterval, stPulseIn;
    // Per-unit aggregates of the active statuses, kept in step with the slots so queries need no scan.
    private final int[] statusCount, stunCount, shieldCount, damageModSum, armourModSum, speedModSum;

    private final int[] kills, casts;
    private final long[] dealt, taken, healed;
    private final int[] actOrder;

    Battle(ContentPack pack, UnitClass[] classes, Ability[] abilities, BattleSetup setup, BattleEventSink sink) {
        this.pack = pack;
        this.rules = pack.rules();
        this.abilities = abilities;
        this.sink = sink;
        this.rng = new SplitMix64(setup.seed());
        List<UnitLoadout> units = new ArrayList<>(setup.teamA().units());
        units.addAll(setup.teamB().units());
        sizeA = setup.teamA().units().size();
        n = units.size();
        team = new int[n]; cls = new int[n]; x = new int[n]; y = new int[n]; hp = new int[n]; maxHp = new int[n];
        armour = new int[n]; speed = new int[n]; range = new int[n]; attack = new int[n]; attackCooldown = new int[n];
        res = new int[n]; maxRes = new int[n]; regen = new int[n]; attackReadyAt = new int[n]; busyUntil = new int[n];
        fatiguePhase = new int[n]; alive = new boolean[n];
        maxAbilities = rules.maxAbilitiesPerUnit();
        equipped = new int[n * maxAbilities]; abilityReadyAt = new int[n * maxAbilities];
        slotCost = new int[n * maxAbilities]; slotReachSq = new long[n * maxAbilities];
        maxRules = rules.maxAbilityRules();
        ruleCount = new int[n]; ruleSlot = new int[n * maxRules]; rulePercent = new int[n * maxRules];
        ruleSide = new int[n * maxRules]; ruleFilter = new int[n * maxRules]; ruleOrder = new int[n * maxRules];
        maxFocus = rules.maxFocusRules();
        focusCount = new int[n]; focusPercent = new int[n * maxFocus];
        focusFilter = new int[n * maxFocus]; focusOrder = new int[n * maxFocus];
        int slots = n * STATUS_SLOTS;
        stKind = new int[slots]; stSource = new int[slots]; stAbility = new int[slots]; stMagnitude = new int[slots];
        stRemaining = new int[slots]; stInterval = new int[slots]; stPulseIn = new int[slots];
        Arrays.fill(stKind, FREE);
        statusCount = new int[n]; stunCount = new int[n]; shieldCount = new int[n];
        damageModSum = new int[n]; armourModSum = new int[n]; speedModSum = new int[n];
        kills = new int[n]; casts = new int[n]; dealt = new long[n]; taken = new long[n]; healed = new long[n];
        actOrder = new int[n];
        for (int u = 0; u < n; u++) {
            int side = u < sizeA ? 0 : 1;
            int indexInTeam = side == 0 ? u : u - sizeA;
            int teamSize = side == 0 ? sizeA : n - sizeA;
            load(u, side, units.get(u), classes);
            x[u] = side == 0 ? rules.arenaWidth() / 10 : rules.arenaWidth() - rules.arenaWidth() / 10;
            y[u] = clamp(rules.arenaHeight() * (indexInTeam + 1) / (teamSize + 1) + rng.nextInt(41) - 20,
                    rules.arenaHeight());
            fatiguePhase[u] = rng.nextInt(rules.fatigueStepTicks());
            actOrder[u] = u;
        }
    }

    private void load(int u, int side, UnitLoadout unit, UnitClass[] classes) {
        team[u] = side;
        cls[u] = pack.classIndex(unit.classId());
        UnitClass c = classes[cls[u]];
        hp[u] = maxHp[u] = c.health();
        armour[u] = c.armour();
        speed[u] = c.speed();
        range[u] = c.range();
        attack[u] = c.attack();
        attackCooldown[u] = c.attackCooldown();
        res[u] = c.startResource();
        maxRes[u] = c.maxResource();
        regen[u] = c.resourceRegen();
        alive[u] = true;
        aliveCount[side]++;
        List<String> ids = unit.abilityIds();
        for (int k = 0; k < ids.size(); k++) {
            int slot = u * maxAbilities + k;
            equipped[slot] = pack.abilityIndex(ids.get(k));
            slotCost[slot] = abilities[equipped[slot]].cost();
            slotReachSq[slot] = (long) abilities[equipped[slot]].range() * abilities[equipped[slot]].range();
        }
        List<Tactics.AbilityRule> priority = unit.tactics().abilityPriority();
        ruleCount[u] = priority.size();
        for (int r = 0; r < priority.size(); r++) {
            Tactics.AbilityRule rule = priority.get(r);
            int i = u * maxRules + r;
            ruleSlot[i] = u * maxAbilities + ids.indexOf(rule.abilityId());
            ruleSide[i] = code(rule.target().side());
            ruleFilter[i] = code(rule.target().filter());
            rulePercent[i] = rule.target().percent();
            ruleOrder[i] = code(rule.target().order());
        }
        List<Tactics.TargetRule> focus = unit.tactics().focus();
        focusCount[u] = focus.size();
        for (int r = 0; r < focus.size(); r++) {
            int i = u * maxFocus + r;
            focusFilter[i] = code(focus.get(r).filter());
            focusPercent[i] = focus.get(r).percent();
            focusOrder[i] = code(focus.get(r).order());
        }
    }

    BattleResult run() {
        for (int u = 0; u < n; u++) {
            sink.spawn(0, u, team[u], cls[u], x[u], y[u], maxHp[u]);
        }
        Outcome outcome = null;
        int tick = 1;
        for (; tick <= BattleSimulator.MAX_TICKS; tick++) {
            fatigue(tick);
            tickStatuses(tick);
            regenerate();
            shuffleActOrder();
            for (int i = 0; i < n; i++) {
                int u = actOrder[i];
                if (alive[u] && stunCount[u] == 0) {
                    act(u, tick);
                }
            }
            outcome = decided();
            if (outcome != null) {
                break;
            }
        }
        if (outcome == null) {
            outcome = Outcome.DRAW;
            tick = BattleSimulator.MAX_TICKS;
        }
        sink.end(tick, outcome.ordinal());
        return result(outcome, tick);
    }

    private Outcome decided() {
        if (aliveCount[0] == 0 && aliveCount[1] == 0) return Outcome.DRAW;
        if (aliveCount[1] == 0) return Outcome.TEAM_A_WINS;
        if (aliveCount[0] == 0) return Outcome.TEAM_B_WINS;
        return null;
    }

    // ---- per-tick phases

    private void fatigue(int tick) {
        int since = tick - rules.fatigueStartTick();
        if (since < 0 || rules.fatigueDamagePerLevel() == 0) {
            return;
        }
        int phase = since % rules.fatigueStepTicks();
        int amount = fatigueLevel(tick) * rules.fatigueDamagePerLevel();
        for (int u = 0; u < n; u++) {
            if (alive[u] && fatiguePhase[u] == phase) {
                int loss = Math.min(amount, hp[u]);
                hp[u] -= loss;
                taken[u] += loss;
                sink.hit(tick, -1, u, -1, loss, 0);
                if (hp[u] == 0) {
                    die(u, -1, tick);
                }
            }
        }
    }

    private int fatigueLevel(int tick) {
        int since = tick - rules.fatigueStartTick();
        return since < 0 ? 0 : 1 + since / rules.fatigueStepTicks();
    }

    private void tickStatuses(int tick) {
        for (int u = 0; u < n; u++) {
            if (statusCount[u] == 0) {
                continue;
            }
            for (int s = u * STATUS_SLOTS, end = s + STATUS_SLOTS; s < end && alive[u]; s++) {
                int kind = stKind[s];
                if (kind == FREE) {
                    continue;
                }
                stRemaining[s]--;
                if ((kind == DOT || kind == HOT) && --stPulseIn[s] == 0) {
                    stPulseIn[s] = stInterval[s];
                    if (kind == DOT) {
                        damage(stSource[s], u, stAbility[s], stMagnitude[s], tick);
                    } else {
                        heal(stSource[s], u, stAbility[s], stMagnitude[s], tick);
                    }
                }
                if (alive[u] && stKind[s] != FREE && stRemaining[s] <= 0) {
                    removeStatus(u, s, tick);
                }
            }
        }
    }

    private void regenerate() {
        for (int u = 0; u < n; u++) {
            if (alive[u]) {
                res[u] = Math.min(maxRes[u], res[u] + regen[u]);
            }
        }
    }

    private void shuffleActOrder() {
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = actOrder[i];
            actOrder[i] = actOrder[j];
            actOrder[j] = swap;
        }
    }

    // ---- decisions

    private void act(int u, int tick) {
        if (tick < busyUntil[u]) {
            return;
        }
        for (int r = 0, i = u * maxRules; r < ruleCount[u]; r++, i++) {
            int slot = ruleSlot[i];
            if (abilityReadyAt[slot] > tick || res[u] < slotCost[slot]) {
                continue;
            }
            long reach = slotReachSq[slot];
            int target = select(u, ruleSide[i], ruleFilter[i], rulePercent[i], ruleOrder[i], reach, reach);
            if (target >= 0) {
                cast(u, slot, target, tick);
                return;
            }
        }
        long attackReach = (long) range[u] * range[u];
        int target = -1;
        for (int r = 0, i = u * maxFocus; r < focusCount[u] && target < 0; r++, i++) {
            target = select(u, ENEMY, focusFilter[i], focusPercent[i], focusOrder[i], Long.MAX_VALUE, attackReach);
        }
        if (target < 0) {
            target = select(u, ENEMY, ANY, 0, NEAREST, Long.MAX_VALUE, attackReach);
        }
        if (target < 0) {
            return;
        }
        if (distSq(u, target) > attackReach) {
            moveTowards(u, x[target], y[target], Math.max(0, range[u] - 2), tick);
        } else if (attackReadyAt[u] <= tick) {
            attackReadyAt[u] = tick + attackCooldown[u];
            damage(u, target, -1, attack[u], tick);
        } else if (range[u] >= rules.kiteMinRange()) {
            int nearest = select(u, ENEMY, ANY, 0, NEAREST, Long.MAX_VALUE, attackReach);
            long keep = (long) range[u] * rules.kiteDistancePercent() / 100;
            if (distSq(u, nearest) < keep * keep) {
                moveAway(u, nearest, tick);
            }
        }
    }

    /** The living unit on {@code side} within {@code maxDistSq} passing the filter that {@code order} ranks first; ties go to the lower index. */
    private int select(int u, int side, int filter, int percent, int order, long maxDistSq, long inRangeSq) {
        int from = u;
        int to = u + 1;
        if (side != SELF) {
            int wanted = side == ENEMY ? 1 - team[u] : team[u];
            from = wanted == 0 ? 0 : sizeA;
            to = wanted == 0 ? sizeA : n;
        }
        int best = -1;
        long bestKey = Long.MAX_VALUE;
        for (int v = from; v < to; v++) {
            if (!alive[v]) continue;
            long d2 = distSq(u, v);
            if (d2 > maxDistSq) continue;
            boolean passes = switch (filter) {
                case ANY -> true;
                case IN_RANGE -> d2 <= inRangeSq;
                case HEALTH_BELOW -> (long) hp[v] * 100 < (long) percent * maxHp[v];
                case HEALTH_ABOVE -> (long) hp[v] * 100 > (long) percent * maxHp[v];
                case NOT_STUNNED -> stunCount[v] == 0;
                default -> shieldCount[v] == 0;
            };
            if (!passes) continue;
            long key = switch (order) {
                case NEAREST -> d2;
                case FARTHEST -> -d2;
                case LOWEST_HEALTH -> hp[v];
                case HIGHEST_HEALTH -> -hp[v];
                case LOWEST_HEALTH_PERCENT -> (long) hp[v] * 1_000_000 / maxHp[v];
                default -> -dealt[v];
            };
            if (key < bestKey) {
                best = v;
                bestKey = key;
            }
        }
        return best;
    }

    private static int code(Side side) {
        return switch (side) {
            case ENEMY -> ENEMY;
            case ALLY -> ALLY;
            case SELF -> SELF;
        };
    }

    private static int code(Filter filter) {
        return switch (filter) {
            case ANY -> ANY;
            case IN_RANGE -> IN_RANGE;
            case HEALTH_BELOW_PERCENT -> HEALTH_BELOW;
            case HEALTH_ABOVE_PERCENT -> HEALTH_ABOVE;
            case NOT_STUNNED -> NOT_STUNNED;
            case UNSHIELDED -> UNSHIELDED;
        };
    }

    private static int code(Order order) {
        return switch (order) {
            case NEAREST -> NEAREST;
            case FARTHEST -> FARTHEST;
            case LOWEST_HEALTH -> LOWEST_HEALTH;
            case HIGHEST_HEALTH -> HIGHEST_HEALTH;
            case LOWEST_HEALTH_PERCENT -> LOWEST_HEALTH_PERCENT;
            case HIGHEST_DAMAGE_DEALT -> HIGHEST_DAMAGE_DEALT;
        };
    }

    // ---- effects

    private void cast(int u, int slot, int target, int tick) {
        int a = equipped[slot];
        Ability ability = abilities[a];
        res[u] -= ability.cost();
        abilityReadyAt[slot] = tick + ability.cooldown();
        busyUntil[u] = tick + rules.castLockTicks();
        casts[u]++;
        int tx = x[target];
        int ty = y[target];
        sink.cast(tick, u, a, target, tx, ty);
        if (ability.area() == 0) {
            applyAbility(u, target, a, ability, tick);
            return;
        }
        long area = (long) ability.area() * ability.area();
        int side = team[target];
        for (int v = 0; v < n; v++) {
            if (alive[v] && team[v] == side && distSq(v, tx, ty) <= area) {
                applyAbility(u, v, a, ability, tick);
            }
        }
    }

    private void applyAbility(int u, int v, int a, Ability ability, int tick) {
        if (ability.damage() > 0) {
            damage(u, v, a, ability.damage(), tick);
        }
        if (ability.heal() > 0 && alive[v]) {
            heal(u, v, a, ability.heal(), tick);
        }
        if (ability.status() != null && alive[v]) {
            applyStatus(v, u, a, ability.status().ordinal(), ability.magnitude(), ability.duration(),
                    ability.interval(), tick);
        }
    }

    /** {@code source} -1 is no unit; {@code ability} -1 is a basic attack. */
    private void damage(int source, int v, int ability, int base, int tick) {
        if (base <= 0) {
            return;
        }
        long amount = base;
        if (source >= 0) {
            amount = amount * (100 + clampModifier(damageModSum[source])) / 100;
        }
        amount = amount * (1000L + (long) fatigueLevel(tick) * rules.fatigueDamageRampPerMille()) / 1000;
        int variance = rules.damageVariancePercent();
        if (variance > 0) {
            amount = amount * (100 - variance + rng.nextInt(2 * variance + 1)) / 100;
        }
        int armourNow = Math.max(0, armour[v] * (100 + clampModifier(armourModSum[v])) / 100);
        amount = Math.max(1, amount * 100 / (100 + armourNow));
        int absorbed = absorb(v, (int) Math.min(amount, Integer.MAX_VALUE), tick);
        int loss = (int) Math.min(amount - absorbed, hp[v]);
        hp[v] -= loss;
        taken[v] += loss;
        if (source >= 0) {
            dealt[source] += loss;
        }
        sink.hit(tick, source, v, ability, loss, absorbed);
        if (hp[v] == 0) {
            die(v, source, tick);
        }
    }

    private int absorb(int v, int amount, int tick) {
        int absorbed = 0;
        if (shieldCount[v] == 0) {
            return 0;
        }
        for (int s = v * STATUS_SLOTS, end = s + STATUS_SLOTS; s < end && absorbed < amount; s++) {
            if (stKind[s] == SHIELD) {
                int take = Math.min(stMagnitude[s], amount - absorbed);
                stMagnitude[s] -= take;
                absorbed += take;
                if (stMagnitude[s] == 0) {
                    removeStatus(v, s, tick);
                }
            }
        }
        return absorbed;
    }

    private void heal(int source, int v, int ability, int base, int tick) {
        long perMille = Math.max(0, 1000L - (long) fatigueLevel(tick) * rules.fatigueHealingDecayPerMille());
        int gain = (int) Math.min((long) base * perMille / 1000, maxHp[v] - hp[v]);
        hp[v] += gain;
        healed[source] += gain;
        sink.heal(tick, source, v, ability, gain);
    }

    private void applyStatus(int v, int source, int ability, int kind, int magnitude, int duration, int interval,
                             int tick) {
        int base = v * STATUS_SLOTS;
        int slot = -1;
        for (int s = base; s < base + STATUS_SLOTS && slot < 0; s++) {
            if (stKind[s] == kind && stAbility[s] == ability && stSource[s] == source) {
                slot = s;
            }
        }
        for (int s = base; s < base + STATUS_SLOTS && slot < 0; s++) {
            if (stKind[s] == FREE) {
                slot = s;
            }
        }
        if (slot < 0) {
            slot = base;
            for (int s = base + 1; s < base + STATUS_SLOTS; s++) {
                if (stRemaining[s] < stRemaining[slot]) {
                    slot = s;
                }
            }
            removeStatus(v, slot, tick);
        } else if (stKind[slot] != FREE) {
            account(v, slot, -1);
        }
        stKind[slot] = kind;
        stSource[slot] = source;
        stAbility[slot] = ability;
        stMagnitude[slot] = magnitude;
        stRemaining[slot] = duration;
        stInterval[slot] = interval;
        stPulseIn[slot] = interval;
        account(v, slot, 1);
        sink.status(tick, v, kind, source, magnitude, duration);
    }

    private void removeStatus(int v, int s, int tick) {
        sink.status(tick, v, stKind[s], stSource[s], 0, 0);
        account(v, s, -1);
        stKind[s] = FREE;
    }

    /** Adds ({@code sign} 1) or removes (-1) slot {@code s} from the unit's status aggregates. */
    private void account(int v, int s, int sign) {
        int kind = stKind[s];
        statusCount[v] += sign;
        if (kind == STUN) stunCount[v] += sign;
        else if (kind == SHIELD) shieldCount[v] += sign;
        else if (kind == DAMAGE_MOD) damageModSum[v] += sign * stMagnitude[s];
        else if (kind == ARMOUR_MOD) armourModSum[v] += sign * stMagnitude[s];
        else if (kind == SPEED_MOD) speedModSum[v] += sign * stMagnitude[s];
    }

    private void die(int v, int killer, int tick) {
        alive[v] = false;
        aliveCount[team[v]]--;
        for (int s = v * STATUS_SLOTS, end = s + STATUS_SLOTS; s < end; s++) {
            if (stKind[s] != FREE) {
                account(v, s, -1);
                stKind[s] = FREE;
            }
        }
        if (killer >= 0 && team[killer] != team[v]) {
            kills[killer]++;
        }
        sink.death(tick, v, killer);
    }

    private static int clampModifier(int percent) {
        return Math.clamp(percent, MIN_MODIFIER, MAX_MODIFIER);
    }

    // ---- movement

    private void moveTowards(int u, int tx, int ty, int stop, int tick) {
        long dx = tx - x[u];
        long dy = ty - y[u];
        long dist = isqrt(dx * dx + dy * dy);
        long step = Math.min(currentSpeed(u), dist - stop);
        if (step > 0) {
            moveTo(u, x[u] + roundDiv(dx * step, dist), y[u] + roundDiv(dy * step, dist), tick);
        }
    }

    private void moveAway(int u, int from, int tick) {
        long dx = x[u] - x[from];
        long dy = y[u] - y[from];
        long dist = isqrt(dx * dx + dy * dy);
        if (dist == 0) {
            dx = team[u] == 0 ? -1 : 1;
            dist = 1;
        }
        long step = currentSpeed(u);
        moveTo(u, x[u] + roundDiv(dx * step, dist), y[u] + roundDiv(dy * step, dist), tick);
    }

    private int currentSpeed(int u) {
        if (speed[u] == 0) return 0;
        return Math.max(1, speed[u] * (100 + clampModifier(speedModSum[u])) / 100);
    }

    private void moveTo(int u, long nx, long ny, int tick) {
        int cx = clamp(nx, rules.arenaWidth());
        int cy = clamp(ny, rules.arenaHeight());
        if (cx != x[u] || cy != y[u]) {
            x[u] = cx;
            y[u] = cy;
            sink.move(tick, u, cx, cy);
        }
    }

    private static int clamp(long value, int max) {
        return (int) Math.clamp(value, 0, max);
    }

    /** Division rounding half away from zero; {@code d > 0}. */
    private static long roundDiv(long a, long d) {
        return a >= 0 ? (a + d / 2) / d : -((-a + d / 2) / d);
    }

    /** Floor of the square root, exact for every non-negative long. */
    static long isqrt(long v) {
        long r = (long) StrictMath.sqrt((double) v);
        while (r * r > v) r--;
        while ((r + 1) * (r + 1) <= v) r++;
        return r;
    }

    private long distSq(int u, int v) {
        return distSq(u, x[v], y[v]);
    }

    private long distSq(int u, int px, int py) {
        long dx = x[u] - px;
        long dy = y[u] - py;
        return dx * dx + dy * dy;
    }

    // ---- result

    private BattleResult result(Outcome outcome, int ticks) {
        List<BattleResult.UnitStats> stats = new ArrayList<>(n);
        for (int u = 0; u < n; u++) {
            stats.add(new BattleResult.UnitStats(u, team[u], pack.unitClass(cls[u]).id(), kills[u], !alive[u],
                    dealt[u], taken[u], healed[u], casts[u]));
        }
        return new BattleResult(outcome, ticks, stats);
    }
}
