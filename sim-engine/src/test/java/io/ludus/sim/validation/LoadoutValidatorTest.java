package io.ludus.sim.validation;

import io.ludus.sim.Tactics;
import io.ludus.sim.Tactics.AbilityRule;
import io.ludus.sim.Tactics.Filter;
import io.ludus.sim.Tactics.Order;
import io.ludus.sim.Tactics.Side;
import io.ludus.sim.Tactics.TargetRule;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.validation.LoadoutError.RuleList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoadoutValidatorTest {
    private static final ContentPack PACK = ContentPack.bundled();
    private static final TargetRule LOWEST_ENEMY = new TargetRule(Side.ENEMY, Filter.ANY, 0, Order.LOWEST_HEALTH);
    private static final TargetRule HURT_ALLY = new TargetRule(Side.ALLY, Filter.HEALTH_BELOW_PERCENT, 40, Order.LOWEST_HEALTH_PERCENT);

    private static UnitLoadout guardian() {
        return new UnitLoadout("guardian", List.of("shield_bash", "sunder"),
                new Tactics(List.of(new AbilityRule("shield_bash", LOWEST_ENEMY)), List.of(LOWEST_ENEMY)));
    }

    private static UnitLoadout cleric() {
        return new UnitLoadout("cleric", List.of("heal", "renew", "smite"),
                new Tactics(List.of(new AbilityRule("heal", HURT_ALLY), new AbilityRule("smite", LOWEST_ENEMY)), List.of()));
    }

    private static UnitLoadout mage(List<String> abilities, Tactics tactics) {
        return new UnitLoadout("mage", abilities, tactics);
    }

    private static List<LoadoutError> validate(UnitLoadout... units) {
        return LoadoutValidator.validate(PACK, new TeamLoadout("player-1", List.of(units)));
    }

    private static Tactics noTactics() {
        return new Tactics(List.of(), List.of());
    }

    @Test
    void acceptsAValidTeam() {
        assertThat(validate(guardian(), cleric(), mage(List.of("fireball", "ignite"), noTactics()))).isEmpty();
    }

    @Test
    void rejectsEmptyAndOversizedTeams() {
        assertThat(validate()).containsExactly(new LoadoutError.TeamSize(0, 1, 5));
        UnitLoadout[] six = Collections.nCopies(6, mage(List.of(), noTactics())).toArray(UnitLoadout[]::new);
        assertThat(validate(six)).containsExactly(new LoadoutError.TeamSize(6, 1, 5));
    }

    @Test
    void rejectsMissingPlayerClassAndTactics() {
        assertThat(LoadoutValidator.validate(PACK, null)).containsExactly(new LoadoutError.MissingValue(-1, "team"));
        assertThat(LoadoutValidator.validate(PACK, new TeamLoadout(" ", List.of(guardian()))))
                .containsExactly(new LoadoutError.MissingValue(-1, "playerId"));
        assertThat(validate(guardian(), new UnitLoadout(null, List.of(), null)))
                .containsExactly(new LoadoutError.MissingValue(1, "classId"), new LoadoutError.MissingValue(1, "tactics"));
        assertThat(validate(mage(List.of("fireball"), new Tactics(List.of(new AbilityRule("fireball", null)), List.of()))))
                .containsExactly(new LoadoutError.MissingValue(0, "abilityPriority[0]"));
    }

    @Test
    void rejectsUnknownClass() {
        assertThat(validate(guardian(), new UnitLoadout("necromancer", List.of(), noTactics())))
                .containsExactly(new LoadoutError.UnknownClass(1, "necromancer"));
    }

    @Test
    void rejectsUnknownAbility() {
        assertThat(validate(mage(List.of("fireball", "meteor"), noTactics())))
                .containsExactly(new LoadoutError.UnknownAbility(0, "meteor"));
    }

    @Test
    void rejectsAbilityOfAnotherClass() {
        assertThat(validate(mage(List.of("fireball", "heal"), noTactics())))
                .containsExactly(new LoadoutError.AbilityNotAllowed(0, "mage", "heal"));
    }

    @Test
    void rejectsDuplicateAbility() {
        assertThat(validate(mage(List.of("fireball", "fireball"), noTactics())))
                .containsExactly(new LoadoutError.DuplicateAbility(0, "fireball"));
    }

    @Test
    void rejectsMoreAbilitiesThanAUnitMayCarry() {
        assertThat(validate(mage(List.of("fireball", "ignite", "mana_shield", "frost_nova"), noTactics())))
                .containsExactly(new LoadoutError.TooManyAbilities(0, 4, 3));
    }

    @Test
    void rejectsAbilitiesThatMayNotBeCombined() {
        assertThat(validate(mage(List.of("blizzard", "fireball", "ignite"), noTactics())))
                .containsExactly(new LoadoutError.IllegalCombination(0, "blizzard", "ignite"));
    }

    @Test
    void rejectsTacticsRuleForAnAbilityTheUnitLacks() {
        Tactics tactics = new Tactics(List.of(new AbilityRule("frost_nova", LOWEST_ENEMY)), List.of());
        assertThat(validate(mage(List.of("fireball"), tactics)))
                .containsExactly(new LoadoutError.RuleAbilityNotEquipped(0, 0, "frost_nova"));
    }

    @Test
    void rejectsPercentOutsideZeroToHundred() {
        TargetRule badPercent = new TargetRule(Side.ENEMY, Filter.HEALTH_BELOW_PERCENT, 101, Order.NEAREST);
        TargetRule negative = new TargetRule(Side.ENEMY, Filter.HEALTH_ABOVE_PERCENT, -1, Order.NEAREST);
        Tactics tactics = new Tactics(List.of(new AbilityRule("fireball", badPercent)), List.of(LOWEST_ENEMY, negative));
        assertThat(validate(mage(List.of("fireball"), tactics))).containsExactly(
                new LoadoutError.PercentOutOfRange(0, RuleList.ABILITY_PRIORITY, 0, 101),
                new LoadoutError.PercentOutOfRange(0, RuleList.FOCUS, 1, -1));
    }

    @Test
    void rejectsTargetSideThatDoesNotFitTheAbilityOrFocus() {
        Tactics tactics = new Tactics(List.of(
                new AbilityRule("heal", LOWEST_ENEMY),
                new AbilityRule("smite", HURT_ALLY),
                new AbilityRule("renew", new TargetRule(Side.SELF, Filter.ANY, 0, Order.NEAREST))),
                List.of(HURT_ALLY));
        assertThat(validate(new UnitLoadout("cleric", List.of("heal", "renew", "smite"), tactics))).containsExactly(
                new LoadoutError.SideNotAllowed(0, RuleList.ABILITY_PRIORITY, 0, Side.ENEMY),
                new LoadoutError.SideNotAllowed(0, RuleList.ABILITY_PRIORITY, 1, Side.ALLY),
                new LoadoutError.SideNotAllowed(0, RuleList.FOCUS, 0, Side.ALLY));
        Tactics shieldOthers = new Tactics(List.of(new AbilityRule("mana_shield", HURT_ALLY)), List.of());
        assertThat(validate(mage(List.of("mana_shield"), shieldOthers)))
                .containsExactly(new LoadoutError.SideNotAllowed(0, RuleList.ABILITY_PRIORITY, 0, Side.ALLY));
    }

    @Test
    void rejectsMoreTacticsRulesThanAllowed() {
        List<AbilityRule> seven = Collections.nCopies(7, new AbilityRule("fireball", LOWEST_ENEMY));
        List<TargetRule> five = Collections.nCopies(5, LOWEST_ENEMY);
        assertThat(validate(mage(List.of("fireball"), new Tactics(seven, five)))).containsExactly(
                new LoadoutError.TooManyRules(0, RuleList.ABILITY_PRIORITY, 7, 6),
                new LoadoutError.TooManyRules(0, RuleList.FOCUS, 5, 4));
    }

    @Test
    void rejectsTeamOverThePointBudget() {
        // five mages (4 points) with fireball, blizzard, mana_shield (2 + 2 + 1): 5 * 9 = 45 > 30
        List<UnitLoadout> units = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            units.add(mage(List.of("fireball", "blizzard", "mana_shield"), noTactics()));
        }
        assertThat(validate(units.toArray(UnitLoadout[]::new))).containsExactly(new LoadoutError.OverBudget(45, 30));
    }

    @Test
    void reportsEveryProblemWithItsCode() {
        List<LoadoutError> errors = validate(guardian(), new UnitLoadout("necromancer", List.of("meteor"), noTactics()),
                mage(List.of("fireball", "fireball"), noTactics()));
        assertThat(errors).extracting(LoadoutError::code, LoadoutError::unit).containsExactly(
                org.assertj.core.groups.Tuple.tuple(LoadoutError.Code.UNKNOWN_CLASS, 1),
                org.assertj.core.groups.Tuple.tuple(LoadoutError.Code.UNKNOWN_ABILITY, 1),
                org.assertj.core.groups.Tuple.tuple(LoadoutError.Code.DUPLICATE_ABILITY, 2));
    }
}
