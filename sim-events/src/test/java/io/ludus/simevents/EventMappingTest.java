package io.ludus.simevents;

import io.ludus.events.common.PlayerResult;
import io.ludus.events.common.ReplayReference;
import io.ludus.events.common.Team;
import io.ludus.events.match.MatchPlayerStats;
import io.ludus.events.simulation.PlayerSummary;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.sim.BattleEventSink;
import io.ludus.sim.BattleResult;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.Outcome;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.content.ContentPack;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventMappingTest {

    private static final ContentPack PACK = ContentPack.bundled();
    private final RandomLoadouts loadouts = new RandomLoadouts(PACK);

    @Test
    void requestMapsBackToTheSetupItWasBuiltFrom() {
        for (long seed = 0; seed < 200; seed++) {
            BattleSetup setup = loadouts.battle(seed, 1 + (int) (seed % 5), 1 + (int) ((seed / 5) % 5));
            SimulationRequested request = EventMapping.toRequest("m" + seed, setup);

            assertThat(EventMapping.toSetup(request)).isEqualTo(setup);
            assertThat(request.getMatchId()).isEqualTo("m" + seed);
            assertThat(request.getEngineVersion()).isEqualTo(Integer.toString(BattleSimulator.ENGINE_VERSION));
        }
    }

    @Test
    void unitStatsKeepSpawnOrderAndTeams() {
        BattleSetup setup = loadouts.battle(7, 2, 3);
        BattleResult result = new BattleSimulator(PACK).run(setup, BattleEventSink.NONE);

        var units = EventMapping.unitStats(result);

        assertThat(units).hasSize(5);
        for (int i = 0; i < units.size(); i++) {
            BattleResult.UnitStats expected = result.units().get(i);
            assertThat(units.get(i).getUnit()).isEqualTo(expected.unit());
            assertThat(units.get(i).getTeam()).isEqualTo(i < 2 ? Team.TEAM_A : Team.TEAM_B);
            assertThat(units.get(i).getClassId()).isEqualTo(expected.classId());
            assertThat(units.get(i).getDamageDealt()).isEqualTo(expected.damageDealt());
            assertThat(units.get(i).getDied()).isEqualTo(expected.died());
        }
    }

    @Test
    void playerSummariesSumTheirTeamsUnits() {
        BattleResult result = new BattleResult(Outcome.TEAM_B_WINS, 420, List.of(
                new BattleResult.UnitStats(0, 0, "knight", 1, true, 100, 300, 0, 2),
                new BattleResult.UnitStats(1, 0, "cleric", 0, true, 20, 200, 150, 5),
                new BattleResult.UnitStats(2, 1, "ranger", 2, false, 480, 50, 0, 3)));

        List<PlayerSummary> players = EventMapping.players(result, "alice", "bob");

        assertThat(players.get(0).getPlayerId()).isEqualTo("alice");
        assertThat(players.get(0).getTeam()).isEqualTo(Team.TEAM_A);
        assertThat(players.get(0).getPlayerResult()).isEqualTo(PlayerResult.LOSS);
        assertThat(players.get(0).getUnitsLost()).isEqualTo(2);
        assertThat(players.get(0).getKills()).isEqualTo(1);
        assertThat(players.get(0).getDamageDealt()).isEqualTo(120);
        assertThat(players.get(0).getDamageTaken()).isEqualTo(500);
        assertThat(players.get(0).getHealingDone()).isEqualTo(150);
        assertThat(players.get(1).getPlayerId()).isEqualTo("bob");
        assertThat(players.get(1).getPlayerResult()).isEqualTo(PlayerResult.WIN);
        assertThat(players.get(1).getUnitsLost()).isZero();
        assertThat(players.get(1).getKills()).isEqualTo(2);
    }

    @Test
    void matchPlayerStatsAreTheResultsPlayerSummariesWithTheirTeamsClasses() {
        BattleResult result = new BattleResult(Outcome.TEAM_B_WINS, 420, List.of(
                new BattleResult.UnitStats(0, 0, "knight", 1, true, 100, 300, 0, 2),
                new BattleResult.UnitStats(1, 0, "cleric", 0, true, 20, 200, 150, 5),
                new BattleResult.UnitStats(2, 1, "ranger", 2, false, 480, 50, 0, 3)));
        SimulationCompleted completed = SimulationCompleted.newBuilder()
                .setMatchId("m-1").setOutcome(EventMapping.outcome(result.outcome())).setTicks(result.ticks())
                .setUnits(EventMapping.unitStats(result)).setPlayers(EventMapping.players(result, "alice", "bob"))
                .setReplay(new ReplayReference("k", "file:/k", 1L, "00", 1)).setContentVersion("c").setEngineVersion("1")
                .build();

        List<MatchPlayerStats> stats = EventMapping.matchPlayers(completed);

        assertThat(stats).extracting(MatchPlayerStats::getPlayerId).containsExactly("alice", "bob");
        assertThat(stats.get(0).getClassIds()).containsExactly("knight", "cleric");
        assertThat(stats.get(0).getDeaths()).isEqualTo(2);
        assertThat(stats.get(0).getKills()).isEqualTo(1);
        assertThat(stats.get(0).getDamageTaken()).isEqualTo(500);
        assertThat(stats.get(0).getHealingDone()).isEqualTo(150);
        assertThat(stats.get(1).getClassIds()).containsExactly("ranger");
        assertThat(stats.get(1).getPlayerResult()).isEqualTo(PlayerResult.WIN);
        assertThat(stats.get(1).getDeaths()).isZero();
    }

    @Test
    void drawIsADrawForBothPlayers() {
        assertThat(EventMapping.playerResult(Outcome.DRAW, 0)).isEqualTo(PlayerResult.DRAW);
        assertThat(EventMapping.playerResult(Outcome.DRAW, 1)).isEqualTo(PlayerResult.DRAW);
        assertThat(EventMapping.playerResult(Outcome.TEAM_A_WINS, 0)).isEqualTo(PlayerResult.WIN);
        assertThat(EventMapping.playerResult(Outcome.TEAM_A_WINS, 1)).isEqualTo(PlayerResult.LOSS);
    }
}
