package io.ludus.replay.format;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictTrainer;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.content.ContentPack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;

/**
 * Trains a replay dictionary on the reference workload: uncompressed replay bodies of random 3v3 battles of the
 * bundled content, seeds from {@link #FIRST_SEED} (clear of the benchmarks' seeds 0..1023, so the benchmark
 * measures replays the dictionary has not seen). Deterministic: the same content gives the same dictionary.
 * <p>To ship a new one: run it with the next id, add the printed hash to {@code ReplayDictionaries.SHIPPED} and
 * make that id {@code CURRENT}; keep every older dictionary. See replay-store/README.md.
 */
public final class ReplayDictionaryTrainer {

    static final long FIRST_SEED = 1_000_000;
    static final int SAMPLES = 4_000;
    /** 16 KiB did as well as 64 and 112 KiB on the reference workload, and each loaded copy costs less. */
    static final int DICTIONARY_BYTES = 16 << 10;

    private ReplayDictionaryTrainer() {}

    /** Usage: ReplayDictionaryTrainer &lt;id&gt; &lt;resource directory&gt; */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ReplayDictionaryTrainer <id> <directory, e.g. replay-store/src/main/resources/io/ludus/replay/format/dictionaries>");
            System.exit(2);
        }
        int id = Integer.parseInt(args[0]);
        byte[] dictionary = train(ContentPack.bundled());
        Path file = Path.of(args[1]).resolve("replay-" + id + ".zdict");
        Files.createDirectories(file.getParent());
        Files.write(file, dictionary);
        System.out.printf("wrote %s (%d bytes), sha256 %s%n", file, dictionary.length, ReplayDictionaries.sha256Hex(dictionary));
    }

    static byte[] train(ContentPack pack) throws IOException {
        BattleSimulator simulator = new BattleSimulator(pack);
        RandomLoadouts loadouts = new RandomLoadouts(pack);
        ZstdDictTrainer trainer = new ZstdDictTrainer(64 << 20, DICTIONARY_BYTES);
        for (int i = 0; i < SAMPLES; i++) {
            long seed = FIRST_SEED + i;
            BattleSetup setup = loadouts.battle(seed, 3, 3);
            // match ids are UUIDs in production (MatchIds); derived from the seed to stay deterministic
            String matchId = UUID.nameUUIDFromBytes(("training|" + seed).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            trainer.addSample(body(simulator, setup, matchId));
        }
        return trainer.trainSamples();
    }

    /** The uncompressed body, as the writer compresses it. */
    static byte[] body(BattleSimulator simulator, BattleSetup setup, String matchId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (ReplayWriter writer = new ReplayWriter(out, ReplayHeader.of(matchId, BattleSimulator.ENGINE_VERSION, setup),
                ReplayCompression.plain(1))) {
            simulator.run(setup, writer);
        }
        byte[] replay = out.toByteArray();
        int preamble = ReplayFormat.MAGIC.length + 2 + 1; // version, then dictionary id 0 in one byte
        return Zstd.decompress(Arrays.copyOfRange(replay, preamble, replay.length), ReplayWriter.MAX_BODY_BYTES);
    }
}
