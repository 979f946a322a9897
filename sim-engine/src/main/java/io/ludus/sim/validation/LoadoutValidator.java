package io.ludus.sim.validation;

import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import io.ludus.sim.content.Ability;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.content.ContentRules;
import io.ludus.sim.validation.LoadoutError.RuleList;

import java.util.ArrayList;
import java.util.List;

/** Checks a team against a content pack. Ingress and the engine use the same rules. */
public final class LoadoutValidator {

    private LoadoutValidator() {}

    /** Every problem found, in unit order; empty means the team may fight. */
    public static List<LoadoutError> validate(ContentPack pack, TeamLoadout team) {
        List<LoadoutError> errors = new ArrayList<>();
        if (team == null) {
            errors.add(new LoadoutError.MissingValue(-1, "team"));
            return errors;
        }
        if (team.playerId() == null || team.playerId().isBlank()) {
            errors.add(new LoadoutError.MissingValue(-1, "playerId"));
        }
        ContentRules rules = pack.rules();
        int size = team.units().size();
        if (size < rules.minTeamSize() || size > rules.maxTeamSize()) {
            errors.add(new LoadoutError.TeamSize(size, rules.minTeamSize(), rules.maxTeamSize()));
            if (size > rules.maxTeamSize()) {
                return errors;
            }
        }
        int points = 0;
        for (int u = 0; u < size; u++) {
            points += validateUnit(pack, u, team.units().get(u), errors);
        }
        if (rules.teamPointBudget() > 0 && points > rules.teamPointBudget()) {
            errors.add(new LoadoutError.OverBudget(points, rules.teamPointBudget()));
        }
        return errors;
    }

    /** Returns the unit's points (of the parts that are known). */
    private static int validateUnit(ContentPack pack, int u, UnitLoadout unit, List<LoadoutError> errors) {
        ContentRules rules = pack.rules();
        if (unit.classId() == null) {
            errors.add(new LoadoutError.MissingValue(u, "classId"));
        }
        if (unit.tactics() == null) {
            errors.add(new LoadoutError.MissingValue(u, "tactics"));
        }
        int cls = unit.classId() == null ? -1 : pack.classIndex(unit.classId());
        if (unit.classId() != null && cls < 0) {
            errors.add(new LoadoutError.UnknownClass(u, unit.classId()));
        }
        int points = cls < 0 ? 0 : pack.unitClass(cls).points();
        List<String> ids = unit.abilityIds();
        if (ids.size() > rules.maxAbilitiesPerUnit()) {
            errors.add(new LoadoutError.TooManyAbilities(u, ids.size(), rules.maxAbilitiesPerUnit()));
            return points;
        }
        int[] equipped = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            int ability = pack.abilityIndex(ids.get(i));
            equipped[i] = ability;
            if (ability < 0) {
                errors.add(new LoadoutError.UnknownAbility(u, ids.get(i)));
                continue;
            }
            points += pack.ability(ability).points();
            if (cls >= 0 && !pack.allows(cls, ability)) {
                errors.add(new LoadoutError.AbilityNotAllowed(u, unit.classId(), ids.get(i)));
            }
            for (int j = 0; j < i; j++) {
                if (equipped[j] == ability) {
                    errors.add(new LoadoutError.DuplicateAbility(u, ids.get(i)));
                } else if (equipped[j] >= 0 && pack.exclusive(equipped[j], ability)) {
                    errors.add(new LoadoutError.IllegalCombination(u, ids.get(j), ids.get(i)));
                }
            }
        }
        if (unit.tactics() != null) {
            validateTactics(pack, u, unit.tactics(), ids, errors);
        }
        return points;
    }

    private static void validateTactics(ContentPack pack, int u, Tactics tactics, List<String> equipped,
                                        List<LoadoutError> errors) {
        ContentRules rules = pack.rules();
        List<Tactics.AbilityRule> abilityRules = tactics.abilityPriority();
        if (abilityRules.size() > rules.maxAbilityRules()) {
            errors.add(new LoadoutError.TooManyRules(u, RuleList.ABILITY_PRIORITY, abilityRules.size(),
                    rules.maxAbilityRules()));
        } else {
            for (int r = 0; r < abilityRules.size(); r++) {
                Tactics.AbilityRule rule = abilityRules.get(r);
                if (rule.abilityId() == null || rule.target() == null) {
                    errors.add(new LoadoutError.MissingValue(u, "abilityPriority[" + r + "]"));
                    continue;
                }
                if (!equipped.contains(rule.abilityId())) {
                    errors.add(new LoadoutError.RuleAbilityNotEquipped(u, r, rule.abilityId()));
                }
                if (validateTargetRule(u, RuleList.ABILITY_PRIORITY, r, rule.target(), errors)) {
                    int ability = pack.abilityIndex(rule.abilityId());
                    if (ability >= 0 && !sideFits(pack.ability(ability), rule.target().side())) {
                        errors.add(new LoadoutError.SideNotAllowed(u, RuleList.ABILITY_PRIORITY, r, rule.target().side()));
                    }
                }
            }
        }
        List<Tactics.TargetRule> focus = tactics.focus();
        if (focus.size() > rules.maxFocusRules()) {
            errors.add(new LoadoutError.TooManyRules(u, RuleList.FOCUS, focus.size(), rules.maxFocusRules()));
            return;
        }
        for (int r = 0; r < focus.size(); r++) {
            if (validateTargetRule(u, RuleList.FOCUS, r, focus.get(r), errors)
                    && focus.get(r).side() != Tactics.Side.ENEMY) {
                errors.add(new LoadoutError.SideNotAllowed(u, RuleList.FOCUS, r, focus.get(r).side()));
            }
        }
    }

    /** Returns whether the rule is complete enough to check its side. */
    private static boolean validateTargetRule(int u, RuleList list, int r, Tactics.TargetRule rule,
                                              List<LoadoutError> errors) {
        String where = (list == RuleList.FOCUS ? "focus[" : "abilityPriority[") + r + "]";
        if (rule.side() == null || rule.filter() == null || rule.order() == null) {
            errors.add(new LoadoutError.MissingValue(u, where));
            return false;
        }
        if (rule.percent() < 0 || rule.percent() > 100) {
            errors.add(new LoadoutError.PercentOutOfRange(u, list, r, rule.percent()));
        }
        return true;
    }

    static boolean sideFits(Ability ability, Tactics.Side side) {
        return switch (ability.target()) {
            case ENEMY -> side == Tactics.Side.ENEMY;
            case ALLY -> side == Tactics.Side.ALLY || side == Tactics.Side.SELF;
            case SELF -> side == Tactics.Side.SELF;
        };
    }
}
