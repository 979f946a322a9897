package io.ludus.simevents;

import io.ludus.events.common.PlayerResult;
import io.ludus.events.common.Team;
import io.ludus.events.common.TargetFilter;
import io.ludus.events.common.TargetOrder;
import io.ludus.events.common.TargetSide;
import io.ludus.events.match.MatchPlayerStats;
import io.ludus.events.match.MatchSide;
import io.ludus.events.simulation.PlayerSummary;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.events.simulation.SimulatedSide;
import io.ludus.events.simulation.SimulationTeam;
import io.ludus.sim.BattleResult;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.Outcome;
import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;

import java.util.List;

/** Converts between the Avro event records and the engine's types. Enum constants match by name. */
public final class EventMapping {

    public static final int TEAM_A = 0;

    private EventMapping() {}

    public static BattleSetup toSetup(SimulationRequested request) {
        return new BattleSetup(request.getContentVersion(), request.getSeed(),
                toTeam(request.getTeamA()), toTeam(request.getTeamB()));
    }

    /** The request that makes a worker run {@code setup} as match {@code matchId}: the inverse of {@link #toSetup}. */
    public static SimulationRequested toRequest(String matchId, BattleSetup setup) {
        return SimulationRequested.newBuilder()
                .setMatchId(matchId)
                .setSeed(setup.seed())
                .setContentVersion(setup.contentVersion())
                .setEngineVersion(Integer.toString(io.ludus.sim.BattleSimulator.ENGINE_VERSION))
                .setTeamA(toEvent(setup.teamA()))
                .setTeamB(toEvent(setup.teamB()))
                .build();
    }

    public static TeamLoadout toTeam(SimulationTeam team) {
        return new TeamLoadout(team.getPlayerId(), team.getLoadout().getUnits().stream().map(EventMapping::toUnit).toList());
    }

    private static UnitLoadout toUnit(io.ludus.events.common.UnitLoadout unit) {
        io.ludus.events.common.Tactics tactics = unit.getTactics();
        List<Tactics.AbilityRule> priority = tactics.getAbilityPriority().stream()
                .map(rule -> new Tactics.AbilityRule(rule.getAbilityId(), toTargetRule(rule.getTarget())))
                .toList();
        List<Tactics.TargetRule> focus = tactics.getFocus().stream().map(EventMapping::toTargetRule).toList();
        return new UnitLoadout(unit.getClassId(), unit.getAbilityIds(), new Tactics(priority, focus));
    }

    private static Tactics.TargetRule toTargetRule(io.ludus.events.common.TargetRule rule) {
        return new Tactics.TargetRule(side(rule.getSide()), filter(rule.getFilter()), rule.getPercent(), order(rule.getOrder()));
    }

    private static Tactics.Side side(TargetSide side) {
        return switch (side) {
            case ENEMY -> Tactics.Side.ENEMY;
            case ALLY -> Tactics.Side.ALLY;
            case SELF -> Tactics.Side.SELF;
        };
    }

    private static Tactics.Filter filter(TargetFilter filter) {
        return switch (filter) {
            case ANY -> Tactics.Filter.ANY;
            case IN_RANGE -> Tactics.Filter.IN_RANGE;
            case HEALTH_BELOW_PERCENT -> Tactics.Filter.HEALTH_BELOW_PERCENT;
            case HEALTH_ABOVE_PERCENT -> Tactics.Filter.HEALTH_ABOVE_PERCENT;
            case NOT_STUNNED -> Tactics.Filter.NOT_STUNNED;
            case UNSHIELDED -> Tactics.Filter.UNSHIELDED;
        };
    }

    private static Tactics.Order order(TargetOrder order) {
        return switch (order) {
            case NEAREST -> Tactics.Order.NEAREST;
            case FARTHEST -> Tactics.Order.FARTHEST;
            case LOWEST_HEALTH -> Tactics.Order.LOWEST_HEALTH;
            case HIGHEST_HEALTH -> Tactics.Order.HIGHEST_HEALTH;
            case LOWEST_HEALTH_PERCENT -> Tactics.Order.LOWEST_HEALTH_PERCENT;
            case HIGHEST_DAMAGE_DEALT -> Tactics.Order.HIGHEST_DAMAGE_DEALT;
        };
    }

    /** The inverse of {@link #toTeam}: what a matchmaker (or a test) puts in a request. */
    public static SimulationTeam toEvent(TeamLoadout team) {
        List<io.ludus.events.common.UnitLoadout> units = team.units().stream().map(unit -> io.ludus.events.common.UnitLoadout.newBuilder()
                .setClassId(unit.classId())
                .setAbilityIds(unit.abilityIds())
                .setTactics(io.ludus.events.common.Tactics.newBuilder()
                        .setAbilityPriority(unit.tactics().abilityPriority().stream()
                                .map(rule -> io.ludus.events.common.AbilityRule.newBuilder()
                                        .setAbilityId(rule.abilityId()).setTarget(toEvent(rule.target())).build())
                                .toList())
                        .setFocus(unit.tactics().focus().stream().map(EventMapping::toEvent).toList())
                        .build())
                .build()).toList();
        return SimulationTeam.newBuilder()
                .setPlayerId(team.playerId())
                .setLoadout(io.ludus.events.common.TeamLoadout.newBuilder().setUnits(units).build())
                .build();
    }

    private static io.ludus.events.common.TargetRule toEvent(Tactics.TargetRule rule) {
        return io.ludus.events.common.TargetRule.newBuilder()
                .setSide(TargetSide.valueOf(rule.side().name()))
                .setFilter(TargetFilter.valueOf(rule.filter().name()))
                .setPercent(rule.percent())
                .setOrder(TargetOrder.valueOf(rule.order().name()))
                .build();
    }

    public static io.ludus.events.common.Outcome outcome(Outcome outcome) {
        return switch (outcome) {
            case TEAM_A_WINS -> io.ludus.events.common.Outcome.TEAM_A_WINS;
            case TEAM_B_WINS -> io.ludus.events.common.Outcome.TEAM_B_WINS;
            case DRAW -> io.ludus.events.common.Outcome.DRAW;
        };
    }

    public static Team team(int team) {
        return team == TEAM_A ? Team.TEAM_A : Team.TEAM_B;
    }

    public static PlayerResult playerResult(Outcome outcome, int team) {
        return switch (outcome) {
            case DRAW -> PlayerResult.DRAW;
            case TEAM_A_WINS -> team == TEAM_A ? PlayerResult.WIN : PlayerResult.LOSS;
            case TEAM_B_WINS -> team == TEAM_A ? PlayerResult.LOSS : PlayerResult.WIN;
        };
    }

    public static List<io.ludus.events.simulation.UnitStats> unitStats(BattleResult result) {
        return result.units().stream().map(u -> io.ludus.events.simulation.UnitStats.newBuilder()
                .setUnit(u.unit())
                .setTeam(team(u.team()))
                .setClassId(u.classId())
                .setKills(u.kills())
                .setDied(u.died())
                .setDamageDealt(u.damageDealt())
                .setDamageTaken(u.damageTaken())
                .setHealingDone(u.healingDone())
                .setAbilitiesCast(u.abilitiesCast())
                .build()).toList();
    }

    /** One summary per player, team A first: the sums over that player's units. */
    public static List<PlayerSummary> players(BattleResult result, String playerA, String playerB) {
        return List.of(player(result, playerA, TEAM_A), player(result, playerB, 1 - TEAM_A));
    }

    /** Per-side totals for MatchCompleted, in the result's player order, with the class of each unit fielded. */
    public static List<MatchPlayerStats> matchPlayers(SimulationCompleted completed) {
        return completed.getPlayers().stream().map(summary -> MatchPlayerStats.newBuilder()
                .setPlayerId(summary.getPlayerId())
                .setTeam(summary.getTeam())
                .setPlayerResult(summary.getPlayerResult())
                .setKills(summary.getKills())
                .setDeaths(summary.getUnitsLost())
                .setDamageDealt(summary.getDamageDealt())
                .setDamageTaken(summary.getDamageTaken())
                .setHealingDone(summary.getHealingDone())
                .setClassIds(completed.getUnits().stream()
                        .filter(u -> u.getTeam() == summary.getTeam())
                        .map(io.ludus.events.simulation.UnitStats::getClassId)
                        .toList())
                .build()).toList();
    }

    /** A side of a result as the match events describe it. */
    public static MatchSide side(SimulatedSide side) {
        return MatchSide.newBuilder()
                .setPlayerId(side.getPlayerId())
                .setTicketId(side.getTicketId())
                .setRating(side.getRating())
                .setDeviation(side.getDeviation())
                .setBot(side.getBot())
                .build();
    }

    /** A request side as the match events describe it: who, from which ticket, at which rating. */
    public static MatchSide side(SimulationTeam team) {
        return MatchSide.newBuilder()
                .setPlayerId(team.getPlayerId())
                .setTicketId(team.getTicketId())
                .setRating(team.getRating())
                .setDeviation(team.getDeviation())
                .setBot(team.getBot())
                .build();
    }

    /** A request side as the simulation result carries it on, for the match events derived from the result. */
    public static SimulatedSide simulatedSide(SimulationTeam team) {
        return SimulatedSide.newBuilder()
                .setPlayerId(team.getPlayerId())
                .setTicketId(team.getTicketId())
                .setRating(team.getRating())
                .setDeviation(team.getDeviation())
                .setBot(team.getBot())
                .build();
    }

    private static PlayerSummary player(BattleResult result, String playerId, int team) {
        int lost = 0;
        int kills = 0;
        long dealt = 0;
        long taken = 0;
        long healed = 0;
        for (BattleResult.UnitStats u : result.units()) {
            if (u.team() != team) {
                continue;
            }
            lost += u.died() ? 1 : 0;
            kills += u.kills();
            dealt += u.damageDealt();
            taken += u.damageTaken();
            healed += u.healingDone();
        }
        return PlayerSummary.newBuilder()
                .setPlayerId(playerId)
                .setTeam(team(team))
                .setPlayerResult(playerResult(result.outcome(), team))
                .setUnitsLost(lost)
                .setKills(kills)
                .setDamageDealt(dealt)
                .setDamageTaken(taken)
                .setHealingDone(healed)
                .build();
    }
}
