package io.ludus.replay.verify;

import io.ludus.sim.Outcome;

/** What re-running a replay's battle showed. Only {@link Verified} means the replay is genuine. */
public sealed interface Verification {

    String matchId();

    /** The engine reproduced every frame and the outcome. */
    record Verified(String matchId, long frames, Outcome outcome, int ticks) implements Verification {}

    /**
     * The first frame (0-based, in stream order) where the replay and the re-run differ.
     * {@code recorded} or {@code replayed} reads "end of stream" when one side has fewer frames.
     */
    record Mismatch(String matchId, long frameIndex, String recorded, String replayed) implements Verification {}

    /** Recorded by another engine version; this build cannot reproduce it bit for bit. */
    record EngineVersionMismatch(String matchId, int recorded, int current) implements Verification {}

    /** The header names a content version this build does not ship. */
    record UnknownContentVersion(String matchId, String contentVersion) implements Verification {}

    /** The engine refuses the header's setup (e.g. tampered loadouts). */
    record InvalidSetup(String matchId, String problem) implements Verification {}
}
