package io.ludus.replay.verify;

import io.ludus.replay.format.ReplayFormatException;
import io.ludus.replay.format.ReplayHeader;
import io.ludus.replay.format.ReplayReader;
import io.ludus.sim.BattleEventSink;
import io.ludus.sim.BattleResult;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.InvalidBattleSetupException;
import io.ludus.sim.Outcome;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.content.ContentPacks;
import io.ludus.sim.content.UnknownContentVersionException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Re-runs a replay's battle from its header and compares the engine's events with the stored
 * frames in lock-step, so neither side is held in memory. Catches tampering and non-determinism.
 */
public final class ReplayVerifier {

    /** Reads {@code replay} to its end; unreadable replays throw {@link ReplayFormatException}. */
    public Verification verify(InputStream replay) throws IOException {
        try (ReplayReader reader = ReplayReader.open(replay)) {
            ReplayHeader header = reader.header();
            String matchId = header.matchId();
            if (header.engineVersion() != BattleSimulator.ENGINE_VERSION) {
                return new Verification.EngineVersionMismatch(matchId, header.engineVersion(), BattleSimulator.ENGINE_VERSION);
            }
            ContentPack pack;
            try {
                pack = ContentPacks.byVersion(header.contentVersion());
            } catch (UnknownContentVersionException e) {
                return new Verification.UnknownContentVersion(matchId, header.contentVersion());
            }
            LockStep lockStep = new LockStep(reader);
            BattleResult result;
            try {
                result = new BattleSimulator(pack).run(header.setup(), lockStep);
            } catch (InvalidBattleSetupException e) {
                return new Verification.InvalidSetup(matchId, e.getMessage());
            }
            if (lockStep.readFailure != null) {
                throw lockStep.readFailure;
            }
            if (lockStep.mismatch == null) {
                lockStep.expectEndOfReplay();
                if (lockStep.readFailure != null) {
                    throw lockStep.readFailure;
                }
            }
            if (lockStep.mismatch != null) {
                return new Verification.Mismatch(matchId, lockStep.mismatch.index, lockStep.mismatch.recorded, lockStep.mismatch.replayed);
            }
            Outcome recordedOutcome = Outcome.values()[lockStep.recordedEnd[1]];
            if (result.outcome() != recordedOutcome || result.ticks() != lockStep.recordedEnd[0]) {
                return new Verification.Mismatch(matchId, lockStep.frames - 1,
                        "end " + recordedOutcome + " at tick " + lockStep.recordedEnd[0],
                        "end " + result.outcome() + " at tick " + result.ticks());
            }
            return new Verification.Verified(matchId, lockStep.frames, result.outcome(), result.ticks());
        }
    }

    private record FirstMismatch(long index, String recorded, String replayed) {}

    /** Receives the engine's events and pulls the matching frame from the replay for each. */
    private static final class LockStep implements BattleEventSink {
        private final ReplayReader reader;
        private final Frame recorded = new Frame();
        private final Frame replayed = new Frame();
        private final int[] recordedEnd = {-1, 0};
        private long frames;
        private FirstMismatch mismatch;
        private ReplayFormatException readFailure;

        LockStep(ReplayReader reader) {
            this.reader = reader;
        }

        @Override
        public void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) {
            compare(replayed.set("spawn", tick, unit, team, classIndex, x, y, maxHealth));
        }

        @Override
        public void move(int tick, int unit, int x, int y) {
            compare(replayed.set("move", tick, unit, x, y));
        }

        @Override
        public void cast(int tick, int unit, int abilityIndex, int targetUnit, int x, int y) {
            compare(replayed.set("cast", tick, unit, abilityIndex, targetUnit, x, y));
        }

        @Override
        public void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) {
            compare(replayed.set("hit", tick, source, target, abilityIndex, amount, absorbed));
        }

        @Override
        public void heal(int tick, int source, int target, int abilityIndex, int amount) {
            compare(replayed.set("heal", tick, source, target, abilityIndex, amount));
        }

        @Override
        public void status(int tick, int unit, int statusKind, int source, int magnitude, int durationTicks) {
            compare(replayed.set("status", tick, unit, statusKind, source, magnitude, durationTicks));
        }

        @Override
        public void death(int tick, int unit, int killer) {
            compare(replayed.set("death", tick, unit, killer));
        }

        @Override
        public void end(int tick, int outcome) {
            compare(replayed.set("end", tick, outcome));
        }

        void expectEndOfReplay() {
            if (pull()) {
                mismatch = new FirstMismatch(frames - 1, recorded.toString(), "end of stream");
            }
        }

        private void compare(Frame engineFrame) {
            if (mismatch != null || readFailure != null) {
                return;
            }
            if (!pull()) {
                if (readFailure == null) {
                    mismatch = new FirstMismatch(frames, "end of stream", engineFrame.toString());
                }
                return;
            }
            if (!recorded.equals(engineFrame)) {
                mismatch = new FirstMismatch(frames - 1, recorded.toString(), engineFrame.toString());
            }
        }

        /** Reads the next stored frame into {@link #recorded}; false at the end of the replay or on a read failure. */
        private boolean pull() {
            try {
                recorded.kind = null;
                if (!reader.next(recordedSink) || recorded.kind == null) {
                    return false;
                }
                frames++;
                return true;
            } catch (ReplayFormatException e) {
                readFailure = e;
                return false;
            } catch (IOException e) {
                readFailure = new ReplayFormatException(ReplayFormatException.Reason.TRUNCATED, "source failed", e);
                return false;
            }
        }

        private final BattleEventSink recordedSink = new BattleEventSink() {
            @Override
            public void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) {
                recorded.set("spawn", tick, unit, team, classIndex, x, y, maxHealth);
            }

            @Override
            public void move(int tick, int unit, int x, int y) {
                recorded.set("move", tick, unit, x, y);
            }

            @Override
            public void cast(int tick, int unit, int abilityIndex, int targetUnit, int x, int y) {
                recorded.set("cast", tick, unit, abilityIndex, targetUnit, x, y);
            }

            @Override
            public void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) {
                recorded.set("hit", tick, source, target, abilityIndex, amount, absorbed);
            }

            @Override
            public void heal(int tick, int source, int target, int abilityIndex, int amount) {
                recorded.set("heal", tick, source, target, abilityIndex, amount);
            }

            @Override
            public void status(int tick, int unit, int statusKind, int source, int magnitude, int durationTicks) {
                recorded.set("status", tick, unit, statusKind, source, magnitude, durationTicks);
            }

            @Override
            public void death(int tick, int unit, int killer) {
                recorded.set("death", tick, unit, killer);
            }

            @Override
            public void end(int tick, int outcome) {
                recorded.set("end", tick, outcome);
                recordedEnd[0] = tick;
                recordedEnd[1] = outcome;
            }
        };
    }

    /** One event, overwritten for each frame. */
    private static final class Frame {
        String kind;
        int tick;
        final int[] args = new int[6];
        int argc;

        Frame set(String kind, int tick, int... values) {
            this.kind = kind;
            this.tick = tick;
            this.argc = values.length;
            System.arraycopy(values, 0, args, 0, values.length);
            return this;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && kind.equals(f.kind) && tick == f.tick
                    && Arrays.equals(args, 0, argc, f.args, 0, f.argc);
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + tick;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(kind).append('@').append(tick).append('(');
            for (int i = 0; i < argc; i++) {
                s.append(i == 0 ? "" : ", ").append(args[i]);
            }
            return s.append(')').toString();
        }
    }
}
