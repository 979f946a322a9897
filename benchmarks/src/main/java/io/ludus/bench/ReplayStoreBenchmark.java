package io.ludus.bench;

import io.ludus.replay.format.ReplayCompression;
import io.ludus.replay.format.ReplayDictionaries;
import io.ludus.replay.format.ReplayHeader;
import io.ludus.replay.format.ReplayReader;
import io.ludus.replay.format.ReplayWriter;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayBatch;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.S3ReplayStore;
import io.ludus.sim.BattleEventSink;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.content.ContentPack;
import io.ludus.testkit.TestS3;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Replay size, recording cost and store throughput on the reference workload (1,024 random 3v3 battles, seeds
 * 0..1023; the dictionary was trained on seeds from 1,000,000), all in one run:
 * <ol>
 *   <li>per compression: mean replay size, and engine + recording against engine alone (sims/s, one thread);</li>
 *   <li>filesystem: batches of 128 (a worker transaction) as segment appends, against the per-replay files the
 *       store wrote before segments (temp file, fsync, link, hash file, fsync, rename, directory fsyncs; fsyncs of a
 *       batch issued in parallel, as that store did), and reads;</li>
 *   <li>s3proxy: one object per replay put one after another (the store's single put), the same objects through the
 *       store's batch (uploaded in parallel at commit), and one object per batch (what a multipart upload of a batch comes to: a batch of 128 replays is
 *       ~0.5 MB, below S3's 5 MiB minimum part, so it would be a single part).</li>
 * </ol>
 * Run: ./mvnw -q install -DskipTests -pl benchmarks -am &&
 *      ./mvnw -q -pl benchmarks compile exec:exec@replay
 */
public final class ReplayStoreBenchmark {

    private static final int WORKLOAD = 1024;
    private static final int ROUNDS = 5;
    private static final int BATCH = 128;

    public static void main(String[] args) throws Exception {
        ContentPack pack = ContentPack.bundled();
        BattleSimulator simulator = new BattleSimulator(pack);
        RandomLoadouts loadouts = new RandomLoadouts(pack);
        BattleSetup[] setups = new BattleSetup[WORKLOAD];
        for (int i = 0; i < WORKLOAD; i++) {
            setups[i] = loadouts.battle(i, 3, 3);
        }

        // 1. sizes and recording cost per compression
        List<ReplayCompression> compressions = List.of(
                ReplayCompression.plain(1),
                ReplayCompression.plain(19),
                ReplayCompression.withDictionary(ReplayDictionaries.CURRENT, 1),
                ReplayCompression.withDictionary(ReplayDictionaries.CURRENT, 3),
                ReplayCompression.withDictionary(ReplayDictionaries.CURRENT, 19));
        for (int warm = 0; warm < 2; warm++) {
            engineOnly(simulator, setups);
            recording(simulator, setups, ReplayCompression.standard());
        }
        byte[][] replays = null;
        for (ReplayCompression compression : compressions) {
            byte[][] recorded = new byte[WORKLOAD][];
            long bytes = 0;
            for (int i = 0; i < WORKLOAD; i++) {
                recorded[i] = record(simulator, setups[i], "m-" + i, compression);
                bytes += recorded[i].length;
            }
            for (byte[] replay : recorded) {
                try (ReplayReader reader = ReplayReader.open(new ByteArrayInputStream(replay))) {
                    reader.readAll(BattleEventSink.NONE); // every replay must read back whole
                }
            }
            // engine alone and engine + recording alternate, so that load from other processes hits both alike
            int rounds = compression.level() >= 19 ? 1 : ROUNDS;
            double[] ratios = new double[rounds];
            double engine = 0;
            double recordingSpeed = 0;
            for (int r = 0; r < rounds; r++) {
                double e = engineOnly(simulator, setups);
                double c = recording(simulator, setups, compression);
                ratios[r] = c / e;
                engine = Math.max(engine, e);
                recordingSpeed = Math.max(recordingSpeed, c);
            }
            java.util.Arrays.sort(ratios);
            System.out.printf("%-26s mean %5.0f B (%.2f KB)  engine %5.0f sims/s, engine + recording %5.0f sims/s, ratio %.2f (median of %d)%n",
                    compression, bytes / (double) WORKLOAD, bytes / (double) WORKLOAD / 1024, engine, recordingSpeed,
                    ratios[rounds / 2], rounds);
            if (compression.dictionaryId() == ReplayCompression.standard().dictionaryId()
                    && compression.level() == ReplayCompression.standard().level()) {
                replays = recorded;
            }
        }

        // 2. filesystem
        Path dir = Files.createTempDirectory("replay-bench");
        double perFile = perFileBaseline(dir.resolve("per-file"), replays);
        System.out.printf("filesystem, one file per replay (before segments): %.0f replays/s (batches of %d)%n", perFile, BATCH);
        try (FileSystemReplayStore store = new FileSystemReplayStore(dir.resolve("segments"))) {
            double segments = batched(store, replays);
            double reads = reads(store, replays);
            System.out.printf("filesystem, segments: %.0f replays/s (batches of %d), %.0f reads/s; ratio to per-file %.1fx%n",
                    segments, BATCH, reads, segments / perFile);
        }

        // 3. s3proxy
        try (TestS3 s3 = TestS3.start()) {
            S3ReplayStore store = new S3ReplayStore(s3.client(), s3.uniqueBucket());
            double sequential = sequential(store, replays);
            double reads = reads(store, replays);
            double parallel = batched(new S3ReplayStore(s3.client(), s3.uniqueBucket()), replays);
            double oneObject = objectPerBatch(s3.client(), s3.uniqueBucket(), replays);
            System.out.printf("s3proxy: one object per replay, one by one %.0f replays/s (%.0f reads/s); "
                    + "in parallel per batch %.0f replays/s; one object per batch %.0f replays/s%n", sequential, reads, parallel, oneObject);
        }
    }

    private static byte[] record(BattleSimulator simulator, BattleSetup setup, String matchId, ReplayCompression compression) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (ReplayWriter writer = new ReplayWriter(out, ReplayHeader.of(matchId, BattleSimulator.ENGINE_VERSION, setup), compression)) {
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

    private static double recording(BattleSimulator simulator, BattleSetup[] setups, ReplayCompression compression) {
        long t0 = System.nanoTime();
        for (int i = 0; i < setups.length; i++) {
            record(simulator, setups[i], "m-" + i, compression);
        }
        return setups.length / ((System.nanoTime() - t0) / 1e9);
    }

    private static double batched(ReplayStore store, byte[][] replays) {
        long t0 = System.nanoTime();
        for (int first = 0; first < replays.length; first += BATCH) {
            try (ReplayBatch batch = store.newBatch()) {
                for (int i = first; i < Math.min(replays.length, first + BATCH); i++) {
                    batch.put("match-" + i, replays[i]);
                }
                batch.commit();
            }
        }
        return replays.length / ((System.nanoTime() - t0) / 1e9);
    }

    private static double sequential(ReplayStore store, byte[][] replays) {
        long t0 = System.nanoTime();
        for (int i = 0; i < replays.length; i++) {
            store.put("match-" + i, replays[i]);
        }
        return replays.length / ((System.nanoTime() - t0) / 1e9);
    }

    private static double reads(ReplayStore store, byte[][] replays) {
        long t0 = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < replays.length; i++) {
            bytes += store.get("match-" + i).orElseThrow().bytes().length;
        }
        double reads = replays.length / ((System.nanoTime() - t0) / 1e9);
        if (bytes != java.util.Arrays.stream(replays).mapToLong(r -> r.length).sum()) {
            throw new IllegalStateException("read back a different number of bytes");
        }
        return reads;
    }

    /** The syscalls of the per-file store (until 2026-12-02) for a batch: what segments replace. */
    private static double perFileBaseline(Path root, byte[][] replays) throws Exception {
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int first = 0; first < replays.length; first += BATCH) {
                List<Path> temps = new ArrayList<>();
                for (int i = first; i < Math.min(replays.length, first + BATCH); i++) {
                    Path directory = root.resolve(String.format("%02x/%02x", i & 0xFF, (i >> 8) & 0xFF));
                    Files.createDirectories(directory);
                    Path temp = Files.createTempFile(directory, ".tmp-", ".part");
                    Files.write(temp, replays[i]);
                    temps.add(temp);
                }
                forEach(pool, temps, temp -> sync(temp, StandardOpenOption.WRITE));
                List<Path> directories = new ArrayList<>();
                for (Path temp : temps) {
                    Path target = temp.resolveSibling(temp.getFileName().toString().replace(".part", ".ludr"));
                    Files.createLink(target, temp);
                    Path hash = Files.createTempFile(temp.getParent(), ".tmp-", ".part");
                    Files.writeString(hash, "0".repeat(64));
                    sync(hash, StandardOpenOption.WRITE);
                    Files.move(hash, target.resolveSibling(target.getFileName() + ".sha256"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    Files.delete(temp);
                    if (!directories.contains(temp.getParent())) {
                        directories.add(temp.getParent());
                    }
                }
                forEach(pool, directories, directory -> sync(directory, StandardOpenOption.READ));
            }
        }
        return replays.length / ((System.nanoTime() - t0) / 1e9);
    }

    private interface PathAction {
        void apply(Path path) throws IOException;
    }

    private static void forEach(ExecutorService pool, List<Path> paths, PathAction action) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (Path path : paths) {
            done.add(pool.submit(() -> {
                action.apply(path);
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
    }

    private static void sync(Path path, StandardOpenOption mode) throws IOException {
        try (FileChannel channel = FileChannel.open(path, mode)) {
            channel.force(true);
        }
    }

    private static double objectPerBatch(S3Client s3, String bucket, byte[][] replays) {
        long t0 = System.nanoTime();
        for (int first = 0; first < replays.length; first += BATCH) {
            int size = 0;
            for (int i = first; i < Math.min(replays.length, first + BATCH); i++) {
                size += replays[i].length;
            }
            ByteBuffer batch = ByteBuffer.allocate(size);
            for (int i = first; i < Math.min(replays.length, first + BATCH); i++) {
                batch.put(replays[i]);
            }
            int n = first;
            s3.putObject(b -> b.bucket(bucket).key("batches/" + n).ifNoneMatch("*"), RequestBody.fromBytes(batch.array()));
        }
        return replays.length / ((System.nanoTime() - t0) / 1e9);
    }
}
