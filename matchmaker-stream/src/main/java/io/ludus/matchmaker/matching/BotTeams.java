package io.ludus.matchmaker.matching;

import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.SplitMix64;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import io.ludus.sim.content.ContentPack;


/**
 * Bot teams for queue backfill, built from the content pack: of a few seeded random valid teams, the one whose point
 * cost is closest to the player's team (points are the pack's own measure of strength). Same seed, same team.
 */
public final class BotTeams {

    static final int CANDIDATES = 8;

    private final ContentPack pack;
    private final RandomLoadouts random;

    public BotTeams(ContentPack pack) {
        this.pack = pack;
        this.random = new RandomLoadouts(pack);
    }

    public TeamLoadout opponent(String botId, TeamLoadout player, long seed) {
        int target = points(player);
        SplitMix64 rng = new SplitMix64(seed);
        TeamLoadout best = null;
        int bestGap = Integer.MAX_VALUE;
        for (int c = 0; c < CANDIDATES; c++) {
            TeamLoadout candidate = random.team(rng, botId, player.units().size());
            int gap = Math.abs(points(candidate) - target);
            if (gap < bestGap) {
                best = candidate;
                bestGap = gap;
            }
        }
        return best;
    }

    /** The team's cost in the pack's points; unknown classes or abilities count nothing. */
    public int points(TeamLoadout team) {
        int sum = 0;
        for (UnitLoadout unit : team.units()) {
            int cls = pack.classIndex(unit.classId());
            if (cls >= 0) {
                sum += pack.unitClass(cls).points();
            }
            for (String ability : unit.abilityIds()) {
                int a = pack.abilityIndex(ability);
                if (a >= 0) {
                    sum += pack.ability(a).points();
                }
            }
        }
        return sum;
    }

    /** The bot's player id in match events: derived from the ticket it plays against. */
    public static String botPlayerId(Ticket against) {
        return "bot-" + MatchIds.uuid("bot|" + against.key());
    }

}
