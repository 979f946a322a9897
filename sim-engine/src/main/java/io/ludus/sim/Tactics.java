package io.ludus.sim;

import java.util.List;

/**
 * A unit's player-chosen behaviour. Each tick the unit casts the first ability rule whose ability
 * is ready, affordable and has a target; otherwise it attacks (or moves towards) the first target
 * found by the focus rules.
 */
public record Tactics(List<AbilityRule> abilityPriority, List<TargetRule> focus) {
    public Tactics {
        abilityPriority = List.copyOf(abilityPriority);
        focus = List.copyOf(focus);
    }

    /** Use {@code abilityId} on the unit that {@code target} selects. */
    public record AbilityRule(String abilityId, TargetRule target) {}

    /** Pick among {@code side}'s living units those passing {@code filter} (with {@code percent}), ordered by {@code order}. */
    public record TargetRule(Side side, Filter filter, int percent, Order order) {}

    public enum Side { ENEMY, ALLY, SELF }

    public enum Filter { ANY, IN_RANGE, HEALTH_BELOW_PERCENT, HEALTH_ABOVE_PERCENT, NOT_STUNNED, UNSHIELDED }

    public enum Order { NEAREST, FARTHEST, LOWEST_HEALTH, HIGHEST_HEALTH, LOWEST_HEALTH_PERCENT, HIGHEST_DAMAGE_DEALT }
}
