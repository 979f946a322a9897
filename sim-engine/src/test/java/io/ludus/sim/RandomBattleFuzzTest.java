package io.ludus.sim;

import io.ludus.sim.content.ContentPack;
import io.ludus.sim.validation.LoadoutValidator;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RandomBattleFuzzTest {
    private static final int BATTLES = 5_000;
    /** Documented in the README: fewer than 5% of random battles may end in a draw. */
    private static final double MAX_DRAW_SHARE = 0.05;

    private final ContentPack pack = ContentPack.bundled();
    private final BattleSimulator simulator = new BattleSimulator(pack);
    private final RandomLoadouts loadouts = new RandomLoadouts(pack);

    @Test
    void randomValidBattlesEndWithinTheCapReplayIdenticallyAndRarelyDraw() {
        int draws = 0;
        Set<Long> distinctStreams = new HashSet<>();
        for (long seed = 0; seed < BATTLES; seed++) {
            // given a random valid setup with 1 to 5 units a side
            BattleSetup setup = loadouts.battle(seed, 1 + (int) (seed % 5), 1 + (int) (seed / 5 % 5));
            assertThat(LoadoutValidator.validate(pack, setup.teamA())).isEmpty();
            assertThat(LoadoutValidator.validate(pack, setup.teamB())).isEmpty();

            // when it is simulated twice
            HashingSink first = new HashingSink();
            HashingSink second = new HashingSink();
            BattleResult result = simulator.run(setup, first);
            BattleResult again = simulator.run(setup, second);

            // then both runs agree on the result and on every event, and the battle ended in time
            assertThat(again).isEqualTo(result);
            assertThat(second.hash).isEqualTo(first.hash);
            assertThat(second.events).isEqualTo(first.events);
            assertThat(result.ticks()).isBetween(1, BattleSimulator.MAX_TICKS);
            assertThat(result.units()).hasSize(setup.teamA().units().size() + setup.teamB().units().size());
            if (result.outcome() == Outcome.DRAW) {
                draws++;
            }
            distinctStreams.add(first.hash);
        }
        assertThat(draws).isLessThan((int) (BATTLES * MAX_DRAW_SHARE));
        // and different seeds really give different battles
        assertThat(distinctStreams).hasSize(BATTLES);
    }

    @Test
    void sameLoadoutsWithAnotherSeedPlayOutDifferently() {
        BattleSetup setup = loadouts.battle(7, 3, 3);
        BattleSetup reseeded = new BattleSetup(setup.contentVersion(), 8, setup.teamA(), setup.teamB());
        HashingSink first = new HashingSink();
        HashingSink second = new HashingSink();

        simulator.run(setup, first);
        simulator.run(reseeded, second);

        assertThat(second.hash).isNotEqualTo(first.hash);
    }
}
