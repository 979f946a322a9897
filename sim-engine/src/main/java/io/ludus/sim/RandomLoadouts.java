package io.ludus.sim;

import io.ludus.sim.content.Ability;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.content.ContentRules;
import io.ludus.sim.content.UnitClass;

import java.util.ArrayList;
import java.util.List;

/**
 * Seeded random valid loadouts: the fuzz tests' input and the benchmark's reference workload. The same
 * seed and pack always give the same setup.
 */
public final class RandomLoadouts {
    private static final long LOADOUT_SALT = 0x6C75647573L;
    private static final Tactics.Filter[] FILTERS = Tactics.Filter.values();
    private static final Tactics.Order[] ORDERS = Tactics.Order.values();

    private final ContentPack pack;

    public RandomLoadouts(ContentPack pack) {
        this.pack = pack;
    }

    /** A battle between random teams of the given sizes; {@code seed} is also the battle's seed. */
    public BattleSetup battle(long seed, int sizeA, int sizeB) {
        SplitMix64 rng = new SplitMix64(seed ^ LOADOUT_SALT);
        return new BattleSetup(pack.version(), seed,
                team(rng, "seed-" + seed + "-a", sizeA), team(rng, "seed-" + seed + "-b", sizeB));
    }

    /** Throws IllegalArgumentException if the pack allows no team of this size. */
    public TeamLoadout team(SplitMix64 rng, String playerId, int size) {
        ContentRules rules = pack.rules();
        if (size < rules.minTeamSize() || size > rules.maxTeamSize() || size * cheapestClassPoints() > budget()) {
            throw new IllegalArgumentException("no valid team of " + size + " units in " + pack);
        }
        int[] classes = new int[size];
        List<List<Integer>> picks = new ArrayList<>();
        for (int u = 0; u < size; u++) {
            classes[u] = rng.nextInt(pack.classes().size());
            picks.add(pickAbilities(rng, classes[u]));
        }
        fitBudget(classes, picks);
        List<UnitLoadout> units = new ArrayList<>();
        for (int u = 0; u < size; u++) {
            List<String> ids = picks.get(u).stream().map(a -> pack.ability(a).id()).toList();
            units.add(new UnitLoadout(pack.unitClass(classes[u]).id(), ids, tactics(rng, picks.get(u))));
        }
        return new TeamLoadout(playerId, units);
    }

    private List<Integer> pickAbilities(SplitMix64 rng, int cls) {
        UnitClass unitClass = pack.unitClass(cls);
        List<Integer> candidates = new ArrayList<>();
        unitClass.abilities().forEach(id -> candidates.add(pack.abilityIndex(id)));
        int max = pack.rules().maxAbilitiesPerUnit();
        int count = rng.nextInt(4) == 0 ? rng.nextInt(max + 1) : max;
        List<Integer> picked = new ArrayList<>();
        while (picked.size() < count && !candidates.isEmpty()) {
            int candidate = candidates.remove(rng.nextInt(candidates.size()));
            if (picked.stream().noneMatch(p -> pack.exclusive(p, candidate))) {
                picked.add(candidate);
            }
        }
        return picked;
    }

    /** Drops abilities from the best-equipped units, then downgrades classes, until the team fits the budget. */
    private void fitBudget(int[] classes, List<List<Integer>> picks) {
        while (points(classes, picks) > budget()) {
            int richest = 0;
            for (int u = 1; u < classes.length; u++) {
                if (picks.get(u).size() > picks.get(richest).size()) richest = u;
            }
            if (!picks.get(richest).isEmpty()) {
                picks.get(richest).removeLast();
                continue;
            }
            int dearest = 0;
            for (int u = 1; u < classes.length; u++) {
                if (classPoints(classes[u]) > classPoints(classes[dearest])) dearest = u;
            }
            classes[dearest] = cheapestClass();
        }
    }

    private Tactics tactics(SplitMix64 rng, List<Integer> abilities) {
        List<Tactics.AbilityRule> priority = new ArrayList<>();
        List<Integer> order = new ArrayList<>(abilities);
        while (!order.isEmpty() && priority.size() < pack.rules().maxAbilityRules()) {
            Ability ability = pack.ability(order.remove(rng.nextInt(order.size())));
            if (rng.nextInt(8) == 0) {
                continue;
            }
            Tactics.Side side = switch (ability.target()) {
                case ENEMY -> Tactics.Side.ENEMY;
                case SELF -> Tactics.Side.SELF;
                case ALLY -> rng.nextInt(5) == 0 ? Tactics.Side.SELF : Tactics.Side.ALLY;
            };
            priority.add(new Tactics.AbilityRule(ability.id(), targetRule(rng, side)));
        }
        List<Tactics.TargetRule> focus = new ArrayList<>();
        int focusRules = rng.nextInt(Math.min(3, pack.rules().maxFocusRules()) + 1);
        for (int i = 0; i < focusRules; i++) {
            focus.add(targetRule(rng, Tactics.Side.ENEMY));
        }
        return new Tactics(priority, focus);
    }

    private static Tactics.TargetRule targetRule(SplitMix64 rng, Tactics.Side side) {
        Tactics.Filter filter = FILTERS[rng.nextInt(FILTERS.length)];
        int percent = switch (filter) {
            case HEALTH_BELOW_PERCENT, HEALTH_ABOVE_PERCENT -> 20 + rng.nextInt(71);
            default -> 0;
        };
        return new Tactics.TargetRule(side, filter, percent, ORDERS[rng.nextInt(ORDERS.length)]);
    }

    private int points(int[] classes, List<List<Integer>> picks) {
        int sum = 0;
        for (int u = 0; u < classes.length; u++) {
            sum += classPoints(classes[u]);
            for (int a : picks.get(u)) sum += pack.ability(a).points();
        }
        return sum;
    }

    private int budget() {
        return pack.rules().teamPointBudget() == 0 ? Integer.MAX_VALUE : pack.rules().teamPointBudget();
    }

    private int classPoints(int cls) {
        return pack.unitClass(cls).points();
    }

    private int cheapestClass() {
        int cheapest = 0;
        for (int c = 1; c < pack.classes().size(); c++) {
            if (classPoints(c) < classPoints(cheapest)) cheapest = c;
        }
        return cheapest;
    }

    private int cheapestClassPoints() {
        return classPoints(cheapestClass());
    }
}
