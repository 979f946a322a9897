package io.ludus.matchmaker.matching;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Match ids and seeds derived from the tickets alone, so a pass replayed after a crash can only form the same id
 * for the same pair, and a pair can only ever be one match.
 */
public final class MatchIds {

    private MatchIds() {}

    public static String matchId(Pairing pairing) {
        return uuid("match|" + pairing.a().key() + "|" + pairing.b().key()).toString();
    }

    public static String botMatchId(Ticket ticket) {
        return uuid("bot-match|" + ticket.key()).toString();
    }

    /** The simulation seed of a match: a function of its id. */
    public static long seed(String matchId) {
        UUID id = uuid("seed|" + matchId);
        return id.getMostSignificantBits() ^ id.getLeastSignificantBits();
    }

    /** A name-based UUID: the same name always gives the same id. */
    public static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
