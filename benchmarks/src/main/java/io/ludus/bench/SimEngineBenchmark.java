package io.ludus.bench;

import io.ludus.sim.BattleEventSink;
import io.ludus.sim.BattleResult;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.content.ContentPack;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import java.util.concurrent.TimeUnit;

/**
 * Battles per second on one thread (= per core) over the reference workload: 1024 random valid 3v3 loadouts
 * from seeds 0..1023, played in turn. {@code noneSink} is the engine alone; {@code countingSink} adds a sink
 * that receives every event, as replay recording does. The trial setup prints mean ticks and events per battle.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@State(Scope.Thread)
public class SimEngineBenchmark {
    private static final int WORKLOAD = 1024;

    private BattleSimulator simulator;
    private BattleSetup[] setups;
    private final CountingSink counting = new CountingSink();
    private int next;

    @Setup(Level.Trial)
    public void loadWorkload() {
        ContentPack pack = ContentPack.bundled();
        simulator = new BattleSimulator(pack);
        RandomLoadouts loadouts = new RandomLoadouts(pack);
        setups = new BattleSetup[WORKLOAD];
        for (int i = 0; i < WORKLOAD; i++) {
            setups[i] = loadouts.battle(i, 3, 3);
        }
        CountingSink sink = new CountingSink();
        long ticks = 0;
        for (BattleSetup setup : setups) {
            ticks += simulator.run(setup, sink).ticks();
        }
        System.out.printf("%nreference workload: %d battles 3v3, mean %.1f ticks and %.1f events per battle%n",
                WORKLOAD, ticks / (double) WORKLOAD, sink.events / (double) WORKLOAD);
    }

    @Benchmark
    public BattleResult noneSink() {
        return simulator.run(setups[next++ & (WORKLOAD - 1)], BattleEventSink.NONE);
    }

    @Benchmark
    public long countingSink() {
        simulator.run(setups[next++ & (WORKLOAD - 1)], counting);
        return counting.events;
    }

    /** Counts every event, so the engine's reporting path runs in full. */
    static final class CountingSink implements BattleEventSink {
        long events;

        @Override public void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) { events++; }
        @Override public void move(int tick, int unit, int x, int y) { events++; }
        @Override public void cast(int tick, int unit, int abilityIndex, int targetUnit, int x, int y) { events++; }
        @Override public void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) { events++; }
        @Override public void heal(int tick, int source, int target, int abilityIndex, int amount) { events++; }
        @Override public void status(int tick, int unit, int statusKind, int source, int magnitude, int durationTicks) { events++; }
        @Override public void death(int tick, int unit, int killer) { events++; }
        @Override public void end(int tick, int outcome) { events++; }
    }
}
