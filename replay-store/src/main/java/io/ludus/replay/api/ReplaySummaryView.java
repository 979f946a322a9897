package io.ludus.replay.api;

import io.ludus.replay.format.ReplaySummary;
import io.ludus.replay.store.ReplayRef;
import io.ludus.sim.Outcome;
import io.ludus.sim.TeamLoadout;
import io.micronaut.serde.annotation.Serdeable;

/** The JSON of {@code GET /v1/replays/{matchId}/summary}. The seed is a string: JSON numbers lose 64-bit precision. */
@Serdeable
public record ReplaySummaryView(String matchId, int formatVersion, int engineVersion, String contentVersion, String seed,
                                TeamLoadout teamA, TeamLoadout teamB, Outcome outcome, int ticks, long frames,
                                String sha256, long sizeBytes) {

    static ReplaySummaryView of(ReplaySummary summary, ReplayRef ref) {
        var header = summary.header();
        return new ReplaySummaryView(header.matchId(), summary.formatVersion(), header.engineVersion(), header.contentVersion(),
                Long.toString(header.seed()), header.teamA(), header.teamB(), summary.outcome(), summary.ticks(), summary.frames(),
                ref.sha256(), ref.sizeBytes());
    }
}
