package io.ludus.sim.validation;

import io.ludus.sim.Tactics;

/**
 * Why a team loadout is not acceptable. {@code unit} is the unit's index in the team, -1 for the team
 * itself; {@code rule} is the index of the offending tactics rule in its list.
 */
public sealed interface LoadoutError {

    /** Stable codes for clients: append only. */
    enum Code {
        MISSING_VALUE, TEAM_SIZE, UNKNOWN_CLASS, UNKNOWN_ABILITY, ABILITY_NOT_ALLOWED, DUPLICATE_ABILITY,
        TOO_MANY_ABILITIES, ILLEGAL_COMBINATION, TOO_MANY_TACTICS_RULES, TACTICS_ABILITY_NOT_EQUIPPED,
        TACTICS_PERCENT_OUT_OF_RANGE, TACTICS_SIDE_NOT_ALLOWED, OVER_BUDGET
    }

    enum RuleList { ABILITY_PRIORITY, FOCUS }

    Code code();

    int unit();

    record MissingValue(int unit, String field) implements LoadoutError {
        public Code code() { return Code.MISSING_VALUE; }
    }

    record TeamSize(int size, int min, int max) implements LoadoutError {
        public Code code() { return Code.TEAM_SIZE; }
        public int unit() { return -1; }
    }

    record UnknownClass(int unit, String classId) implements LoadoutError {
        public Code code() { return Code.UNKNOWN_CLASS; }
    }

    record UnknownAbility(int unit, String abilityId) implements LoadoutError {
        public Code code() { return Code.UNKNOWN_ABILITY; }
    }

    record AbilityNotAllowed(int unit, String classId, String abilityId) implements LoadoutError {
        public Code code() { return Code.ABILITY_NOT_ALLOWED; }
    }

    record DuplicateAbility(int unit, String abilityId) implements LoadoutError {
        public Code code() { return Code.DUPLICATE_ABILITY; }
    }

    record TooManyAbilities(int unit, int count, int max) implements LoadoutError {
        public Code code() { return Code.TOO_MANY_ABILITIES; }
    }

    record IllegalCombination(int unit, String abilityA, String abilityB) implements LoadoutError {
        public Code code() { return Code.ILLEGAL_COMBINATION; }
    }

    record TooManyRules(int unit, RuleList list, int count, int max) implements LoadoutError {
        public Code code() { return Code.TOO_MANY_TACTICS_RULES; }
    }

    record RuleAbilityNotEquipped(int unit, int rule, String abilityId) implements LoadoutError {
        public Code code() { return Code.TACTICS_ABILITY_NOT_EQUIPPED; }
    }

    /** Percent must be in [0, 100]. */
    record PercentOutOfRange(int unit, RuleList list, int rule, int percent) implements LoadoutError {
        public Code code() { return Code.TACTICS_PERCENT_OUT_OF_RANGE; }
    }

    /** Focus rules pick enemies; an ability rule's side must fit the ability's target (ALLY abilities accept SELF). */
    record SideNotAllowed(int unit, RuleList list, int rule, Tactics.Side side) implements LoadoutError {
        public Code code() { return Code.TACTICS_SIDE_NOT_ALLOWED; }
    }

    record OverBudget(int points, int budget) implements LoadoutError {
        public Code code() { return Code.OVER_BUDGET; }
        public int unit() { return -1; }
    }
}
