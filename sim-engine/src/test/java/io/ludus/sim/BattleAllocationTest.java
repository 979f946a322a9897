package io.ludus.sim;

import io.ludus.sim.Tactics.Side;
import io.ludus.sim.content.ContentPack;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static io.ludus.sim.Fixtures.cast;
import static io.ludus.sim.Fixtures.unit;
import static org.assertj.core.api.Assertions.assertThat;

class BattleAllocationTest {

    @Test
    void tickLoopAllocatesNothing() {
        // given a battle nobody can win, so it runs all 10,000 ticks casting, stunning and applying statuses
        ContentPack pack = Fixtures.pack();
        List<UnitLoadout> side = List.of(
                unit("dummy", cast("stun", Side.ENEMY), cast("weaken", Side.ENEMY), cast("shield", Side.SELF), cast("mend", Side.ALLY)),
                unit("dummy", cast("regrowth", Side.ALLY), cast("empower", Side.SELF), cast("mend", Side.SELF)));
        BattleSetup setup = Fixtures.setup(pack, side, side);
        BattleSimulator simulator = new BattleSimulator(pack);
        simulator.run(setup, BattleEventSink.NONE);

        // when it is run again
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        BattleResult result = simulator.run(setup, BattleEventSink.NONE);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // then only the per-battle state and the result were allocated: far less than one byte per tick
        assertThat(result.ticks()).isEqualTo(BattleSimulator.MAX_TICKS);
        assertThat(allocated).isLessThan(BattleSimulator.MAX_TICKS);
    }
}
