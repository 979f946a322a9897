package io.ludus.ingress.queue;

import io.ludus.events.common.AbilityRule;
import io.ludus.events.common.TargetFilter;
import io.ludus.events.common.TargetOrder;
import io.ludus.events.common.TargetRule;
import io.ludus.events.common.TargetSide;
import io.ludus.events.common.UnitLoadout;
import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;

/** Maps the sim engine's loadout types onto their Avro mirrors in io.ludus.events.common. */
final class LoadoutRecords {

    private LoadoutRecords() {}

    static io.ludus.events.common.TeamLoadout toRecord(TeamLoadout team) {
        return io.ludus.events.common.TeamLoadout.newBuilder()
                .setUnits(team.units().stream().map(LoadoutRecords::unit).toList())
                .build();
    }

    private static UnitLoadout unit(io.ludus.sim.UnitLoadout unit) {
        return UnitLoadout.newBuilder()
                .setClassId(unit.classId())
                .setAbilityIds(unit.abilityIds())
                .setTactics(io.ludus.events.common.Tactics.newBuilder()
                        .setAbilityPriority(unit.tactics().abilityPriority().stream()
                                .map(rule -> AbilityRule.newBuilder()
                                        .setAbilityId(rule.abilityId())
                                        .setTarget(targetRule(rule.target()))
                                        .build())
                                .toList())
                        .setFocus(unit.tactics().focus().stream().map(LoadoutRecords::targetRule).toList())
                        .build())
                .build();
    }

    private static TargetRule targetRule(Tactics.TargetRule rule) {
        return TargetRule.newBuilder()
                .setSide(TargetSide.valueOf(rule.side().name()))
                .setFilter(TargetFilter.valueOf(rule.filter().name()))
                .setPercent(rule.percent())
                .setOrder(TargetOrder.valueOf(rule.order().name()))
                .build();
    }
}
