package io.ludus.bench;

import io.ludus.replay.format.ReplayHeader;
import io.ludus.replay.format.ReplayReader;
import io.ludus.replay.format.ReplayWriter;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.S3ReplayStore;
import io.ludus.sim.BattleEventSink;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.content.ContentPack;
import io.ludus.testkit.TestS3;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replay size and store throughput on the reference workload (1,024 random 3v3 battles, seeds
 * 0..1023), all in one run:
 * <ol>
 *   <li>mean compressed replay size, and the ratio against a naive fixed-width event encoding
 *       (1 tag byte + 4 bytes per argument), the size an uncompressed flat format would have;</li>
 *   <li>engine alone against engine + replay recording (sims/s, one thread);</li>
 *   <li>replays written and read per second on the filesystem store and on s3proxy.</li>
 * </ol>
 * Run: ./mvnw -q install -DskipTests -pl benchmarks -am &&
 *      ./mvnw -q -pl benchmarks compile exec:exec@replay
 */
public final class ReplayStoreBenchmark {

    private static final int WORKLOAD = 1024;
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        ContentPack pack = ContentPack.bundled();
        BattleSimulator simulator = new BattleSimulator(pack);
        RandomLoadouts loadouts = new RandomLoadouts(pack);
        BattleSetup[] setups = new BattleSetup[WORKLOAD];
        for (int i = 0; i < WORKLOAD; i++) {
            setups[i] = loadouts.battle(i, 3, 3);
        }

        // 1. sizes
        byte[][] replays = new byte[WORKLOAD][];
        long compressed = 0;
        long naive = 0;
        for (int i = 0; i < WORKLOAD; i++) {
            replays[i] = record(simulator, setups[i], "m-" + i);
            compressed += replays[i].length;
            NaiveSize size = new NaiveSize();
            simulator.run(setups[i], size);
            naive += size.bytes;
        }
        for (byte[] replay : replays) {
            try (ReplayReader reader = ReplayReader.open(new ByteArrayInputStream(replay))) {
                reader.readAll(BattleEventSink.NONE); // every replay must read back whole
            }
        }
        System.out.printf("replay size: mean %.1f KB compressed, %.1f KB as naive fixed-width events, ratio %.1fx%n",
                compressed / (double) WORKLOAD / 1024, naive / (double) WORKLOAD / 1024, naive / (double) compressed);

        // 2. engine alone vs engine + recording, same thread, same workload
        for (int warm = 0; warm < 2; warm++) {
            engineOnly(simulator, setups);
            recording(simulator, setups);
        }
        double engine = best(() -> engineOnly(simulator, setups));
        double recorded = best(() -> recording(simulator, setups));
        System.out.printf("engine alone: %.0f sims/s; engine + replay recording: %.0f sims/s; ratio %.2f%n",
                engine, recorded, recorded / engine);

        // 3. stores
        Path dir = Files.createTempDirectory("replay-bench");
        report("filesystem", new FileSystemReplayStore(dir.resolve("replays")), replays);
        try (TestS3 s3 = TestS3.start()) {
            report("s3proxy", new S3ReplayStore(s3.client(), s3.uniqueBucket()), replays);
        }
    }

    private static byte[] record(BattleSimulator simulator, BattleSetup setup, String matchId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (ReplayWriter writer = new ReplayWriter(out, ReplayHeader.of(matchId, BattleSimulator.ENGINE_VERSION, setup))) {
            simulator.run(setup, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static double engineOnly(BattleSimulator simulator, BattleSetup[] setups) {
        long t0 = System.nanoTime();
        for (BattleSetup s : setups) {
            simulator.run(s, BattleEventSink.NONE);
        }
        return setups.length / ((System.nanoTime() - t0) / 1e9);
    }

    private static double recording(BattleSimulator simulator, BattleSetup[] setups) {
        long t0 = System.nanoTime();
        for (int i = 0; i < setups.length; i++) {
            record(simulator, setups[i], "m-" + i);
        }
        return setups.length / ((System.nanoTime() - t0) / 1e9);
    }

    private static double best(java.util.function.DoubleSupplier run) {
        double best = 0;
        for (int i = 0; i < ROUNDS; i++) {
            best = Math.max(best, run.getAsDouble());
        }
        return best;
    }

    private static void report(String name, ReplayStore store, byte[][] replays) {
        long t0 = System.nanoTime();
        for (int i = 0; i < replays.length; i++) {
            store.put("match-" + i, replays[i]);
        }
        double writes = replays.length / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < replays.length; i++) {
            bytes += store.get("match-" + i).orElseThrow().bytes().length;
        }
        double reads = replays.length / ((System.nanoTime() - t0) / 1e9);
        if (bytes != java.util.Arrays.stream(replays).mapToLong(r -> r.length).sum()) {
            throw new IllegalStateException(name + ": read back a different number of bytes");
        }
        System.out.printf("%s store: %.0f writes/s, %.0f reads/s (%d replays, one thread)%n", name, writes, reads, replays.length);
    }

    /** Bytes the same events take as 1 tag byte plus 4 bytes per int argument. */
    private static final class NaiveSize implements BattleEventSink {
        long bytes;

        @Override public void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) { bytes += 1 + 4 * 7; }
        @Override public void move(int tick, int unit, int x, int y) { bytes += 1 + 4 * 4; }
        @Override public void cast(int tick, int unit, int abilityIndex, int targetUnit, int x, int y) { bytes += 1 + 4 * 6; }
        @Override public void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) { bytes += 1 + 4 * 6; }
        @Override public void heal(int tick, int source, int target, int abilityIndex, int amount) { bytes += 1 + 4 * 5; }
        @Override public void status(int tick, int unit, int statusKind, int source, int magnitude, int durationTicks) { bytes += 1 + 4 * 6; }
        @Override public void death(int tick, int unit, int killer) { bytes += 1 + 4 * 3; }
        @Override public void end(int tick, int outcome) { bytes += 1 + 4 * 2; }
    }
}
