package io.ludus.replay.verify;

import io.ludus.replay.format.ReplayHeader;
import io.ludus.replay.format.ReplayReader;
import io.ludus.replay.format.ReplayWriter;
import io.ludus.sim.BattleEventSink;
import io.ludus.sim.BattleResult;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.Outcome;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.content.ContentPacks;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayVerifierTest {

    private static final ContentPack PACK = ContentPacks.bundled();
    private static final long SEED = 4242;

    private final ReplayVerifier verifier = new ReplayVerifier();

    @Test
    void verifiesGenuineReplay() throws IOException {
        BattleSetup setup = new RandomLoadouts(PACK).battle(SEED, 3, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BattleResult result;
        try (ReplayWriter writer = new ReplayWriter(out, ReplayHeader.of("m-genuine", BattleSimulator.ENGINE_VERSION, setup))) {
            result = new BattleSimulator(PACK).run(setup, writer);
        }

        Verification verification = verifier.verify(new ByteArrayInputStream(out.toByteArray()));

        assertThat(verification).isInstanceOfSatisfying(Verification.Verified.class, v -> {
            assertThat(v.outcome()).isEqualTo(result.outcome());
            assertThat(v.ticks()).isEqualTo(result.ticks());
            assertThat(v.frames()).isGreaterThan(6);
        });
    }

    @Test
    void reportsTheFirstTamperedFrame() throws IOException {
        byte[] genuine = record(SEED);
        long firstHit = indexOfFirstHit(genuine);
        Tamper tamper = new Tamper();
        tamper.bumpHitAt = firstHit;

        Verification verification = verifier.verify(new ByteArrayInputStream(copy(genuine, tamper)));

        assertThat(verification).isInstanceOfSatisfying(Verification.Mismatch.class, m -> {
            assertThat(m.frameIndex()).isEqualTo(firstHit);
            assertThat(m.recorded()).startsWith("hit@");
            assertThat(m.recorded()).isNotEqualTo(m.replayed());
        });
    }

    @Test
    void reportsDroppedFrameWhereTheStreamsDiverge() throws IOException {
        byte[] genuine = record(SEED);
        Tamper tamper = new Tamper();
        tamper.dropAt = 10;

        Verification verification = verifier.verify(new ByteArrayInputStream(copy(genuine, tamper)));

        assertThat(verification).isInstanceOfSatisfying(Verification.Mismatch.class,
                m -> assertThat(m.frameIndex()).isEqualTo(10));
    }

    @Test
    void reportsTamperedOutcome() throws IOException {
        byte[] genuine = record(SEED);
        Outcome real = ReplayReader.summarize(new ByteArrayInputStream(genuine)).outcome();
        Tamper tamper = new Tamper();
        tamper.outcome = real == Outcome.TEAM_A_WINS ? Outcome.TEAM_B_WINS : Outcome.TEAM_A_WINS;
        long frames = ReplayReader.summarize(new ByteArrayInputStream(genuine)).frames();

        Verification verification = verifier.verify(new ByteArrayInputStream(copy(genuine, tamper)));

        assertThat(verification).isInstanceOfSatisfying(Verification.Mismatch.class, m -> {
            assertThat(m.frameIndex()).isEqualTo(frames - 1);
            assertThat(m.recorded()).startsWith("end@");
        });
    }

    @Test
    void refusesReplayFromAnotherEngineVersion() throws IOException {
        BattleSetup setup = new RandomLoadouts(PACK).battle(SEED, 3, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReplayWriter writer = new ReplayWriter(out, ReplayHeader.of("m-old", BattleSimulator.ENGINE_VERSION + 1, setup))) {
            new BattleSimulator(PACK).run(setup, writer);
        }

        assertThat(verifier.verify(new ByteArrayInputStream(out.toByteArray())))
                .isEqualTo(new Verification.EngineVersionMismatch("m-old", BattleSimulator.ENGINE_VERSION + 1, BattleSimulator.ENGINE_VERSION));
    }

    @Test
    void refusesReplayWithUnknownContentVersion() throws IOException {
        BattleSetup real = new RandomLoadouts(PACK).battle(SEED, 3, 3);
        BattleSetup setup = new BattleSetup("no-such-pack", real.seed(), real.teamA(), real.teamB());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReplayWriter writer = new ReplayWriter(out, ReplayHeader.of("m-pack", BattleSimulator.ENGINE_VERSION, setup))) {
            new BattleSimulator(PACK).run(real, writer);
        }

        assertThat(verifier.verify(new ByteArrayInputStream(out.toByteArray())))
                .isEqualTo(new Verification.UnknownContentVersion("m-pack", "no-such-pack"));
    }

    static byte[] record(long seed) throws IOException {
        BattleSetup setup = new RandomLoadouts(PACK).battle(seed, 3, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReplayWriter writer = new ReplayWriter(out, ReplayHeader.of("m-" + seed, BattleSimulator.ENGINE_VERSION, setup))) {
            new BattleSimulator(PACK).run(setup, writer);
        }
        return out.toByteArray();
    }

    private static long indexOfFirstHit(byte[] replay) throws IOException {
        long[] index = {-1};
        long[] seen = {0};
        try (ReplayReader reader = ReplayReader.open(new ByteArrayInputStream(replay))) {
            reader.readAll(new BattleEventSink() {
                @Override
                public void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) {
                    if (index[0] < 0) {
                        index[0] = seen[0];
                    }
                    seen[0]++;
                }

                @Override
                public void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) { seen[0]++; }

                @Override
                public void move(int tick, int unit, int x, int y) { seen[0]++; }

                @Override
                public void cast(int tick, int unit, int abilityIndex, int targetUnit, int x, int y) { seen[0]++; }

                @Override
                public void heal(int tick, int source, int target, int abilityIndex, int amount) { seen[0]++; }

                @Override
                public void status(int tick, int unit, int statusKind, int source, int magnitude, int durationTicks) { seen[0]++; }

                @Override
                public void death(int tick, int unit, int killer) { seen[0]++; }
            });
        }
        assertThat(index[0]).as("replay has a hit").isNotNegative();
        return index[0];
    }

    /** Re-encodes a replay, changing what the fields ask for. */
    private static byte[] copy(byte[] replay, Tamper tamper) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReplayReader reader = ReplayReader.open(new ByteArrayInputStream(replay));
             ReplayWriter writer = new ReplayWriter(out, reader.header())) {
            tamper.out = writer;
            reader.readAll(tamper);
        }
        return out.toByteArray();
    }

    private static final class Tamper implements BattleEventSink {
        ReplayWriter out;
        long frame;
        long dropAt = -1;
        long bumpHitAt = -1;
        Outcome outcome;

        private boolean keep() {
            return frame++ != dropAt;
        }

        @Override
        public void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) {
            if (keep()) out.spawn(tick, unit, team, classIndex, x, y, maxHealth);
        }

        @Override
        public void move(int tick, int unit, int x, int y) {
            if (keep()) out.move(tick, unit, x, y);
        }

        @Override
        public void cast(int tick, int unit, int abilityIndex, int targetUnit, int x, int y) {
            if (keep()) out.cast(tick, unit, abilityIndex, targetUnit, x, y);
        }

        @Override
        public void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) {
            int bumped = frame == bumpHitAt ? amount + 1 : amount;
            if (keep()) out.hit(tick, source, target, abilityIndex, bumped, absorbed);
        }

        @Override
        public void heal(int tick, int source, int target, int abilityIndex, int amount) {
            if (keep()) out.heal(tick, source, target, abilityIndex, amount);
        }

        @Override
        public void status(int tick, int unit, int statusKind, int source, int magnitude, int durationTicks) {
            if (keep()) out.status(tick, unit, statusKind, source, magnitude, durationTicks);
        }

        @Override
        public void death(int tick, int unit, int killer) {
            if (keep()) out.death(tick, unit, killer);
        }

        @Override
        public void end(int tick, int outcome) {
            frame++;
            out.end(tick, this.outcome == null ? outcome : this.outcome.ordinal());
        }
    }
}
