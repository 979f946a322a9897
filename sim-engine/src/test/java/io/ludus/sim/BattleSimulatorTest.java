package io.ludus.sim;

import io.ludus.sim.content.ContentPack;
import io.ludus.sim.validation.LoadoutError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ludus.sim.Fixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BattleSimulatorTest {
    private final ContentPack pack = ContentPack.bundled();
    private final BattleSimulator simulator = new BattleSimulator(pack);

    @Test
    void rejectsSetupForAnotherContentVersion() {
        BattleSetup setup = new RandomLoadouts(pack).battle(1, 3, 3);
        BattleSetup other = new BattleSetup("0".repeat(64), 1, setup.teamA(), setup.teamB());
        Recorder sink = new Recorder();

        assertThatThrownBy(() -> simulator.run(other, sink)).isInstanceOfSatisfying(InvalidBattleSetupException.class,
                e -> assertThat(e.problem()).isEqualTo(InvalidBattleSetupException.Problem.CONTENT_VERSION_MISMATCH));
        assertThat(sink.events).isEmpty();
    }

    @Test
    void rejectsInvalidLoadoutsNamingEachTeamsErrorsAndReportsNothing() {
        TeamLoadout valid = new RandomLoadouts(pack).battle(1, 2, 2).teamA();
        TeamLoadout invalid = new TeamLoadout("player-b", List.of(unit("lich")));
        Recorder sink = new Recorder();

        assertThatThrownBy(() -> simulator.run(new BattleSetup(pack.version(), 1, valid, invalid), sink))
                .isInstanceOfSatisfying(InvalidBattleSetupException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidBattleSetupException.Problem.INVALID_LOADOUT);
                    assertThat(e.teamAErrors()).isEmpty();
                    assertThat(e.teamBErrors()).containsExactly(new LoadoutError.UnknownClass(0, "lich"));
                });
        assertThat(sink.events).isEmpty();
    }

    @Test
    void rejectsMissingSetupAndMissingTeam() {
        assertThatThrownBy(() -> simulator.run(null, BattleEventSink.NONE)).isInstanceOfSatisfying(
                InvalidBattleSetupException.class,
                e -> assertThat(e.problem()).isEqualTo(InvalidBattleSetupException.Problem.MISSING_VALUE));
        TeamLoadout valid = new RandomLoadouts(pack).battle(1, 2, 2).teamA();
        assertThatThrownBy(() -> simulator.run(new BattleSetup(pack.version(), 1, valid, null), BattleEventSink.NONE))
                .isInstanceOfSatisfying(InvalidBattleSetupException.class,
                        e -> assertThat(e.teamBErrors()).containsExactly(new LoadoutError.MissingValue(-1, "team")));
    }

    @Test
    void reportsSpawnsInOrderAndEndsTheStreamWithTheOutcome() {
        BattleSetup setup = new RandomLoadouts(pack).battle(3, 2, 3);
        Recorder sink = new Recorder();

        BattleResult result = simulator.run(setup, sink);

        assertThat(sink.events.getLast()).isEqualTo(new Recorder.End(result.ticks(), result.outcome().ordinal()));
        assertThat(sink.all(Recorder.Death.class)).extracting(Recorder.Death::unit)
                .containsExactlyInAnyOrderElementsOf(result.units().stream().filter(BattleResult.UnitStats::died)
                        .map(BattleResult.UnitStats::unit).toList());
        assertThat(result.units()).extracting(BattleResult.UnitStats::team).containsExactly(0, 0, 1, 1, 1);
        assertThat(sink.events).isSortedAccordingTo(java.util.Comparator.comparingInt(Recorder.Event::tick));
    }

    /**
     * Pins the event streams of 100 reference battles. If this fails, the engine or the bundled pack changed
     * what battles do: bump {@link BattleSimulator#ENGINE_VERSION} (or ship a new pack) and update the value.
     */
    @Test
    void referenceBattlesReplayExactlyAsRecorded() {
        RandomLoadouts loadouts = new RandomLoadouts(pack);
        HashingSink sink = new HashingSink();
        for (long seed = 0; seed < 100; seed++) {
            simulator.run(loadouts.battle(seed, 3, 3), sink);
        }
        assertThat(BattleSimulator.ENGINE_VERSION).isEqualTo(1);
        assertThat(Long.toHexString(sink.hash)).isEqualTo("7f16c72f7fb9a1c7");
    }
}
