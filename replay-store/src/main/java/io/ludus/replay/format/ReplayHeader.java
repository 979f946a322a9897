package io.ludus.replay.format;

import io.ludus.sim.BattleSetup;
import io.ludus.sim.TeamLoadout;

import java.util.Objects;

/** The inputs a replay was recorded from: enough to re-run the battle. */
public record ReplayHeader(String matchId, int engineVersion, String contentVersion, long seed,
                           TeamLoadout teamA, TeamLoadout teamB) {

    public ReplayHeader {
        Objects.requireNonNull(matchId, "matchId");
        Objects.requireNonNull(contentVersion, "contentVersion");
        Objects.requireNonNull(teamA, "teamA");
        Objects.requireNonNull(teamB, "teamB");
    }

    public static ReplayHeader of(String matchId, int engineVersion, BattleSetup setup) {
        return new ReplayHeader(matchId, engineVersion, setup.contentVersion(), setup.seed(), setup.teamA(), setup.teamB());
    }

    public BattleSetup setup() {
        return new BattleSetup(contentVersion, seed, teamA, teamB);
    }

    public boolean isParticipant(String playerId) {
        return teamA.playerId().equals(playerId) || teamB.playerId().equals(playerId);
    }
}
