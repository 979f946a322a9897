package io.ludus.matchmaker.matching;

/**
 * One player's request to play in a queue: one ticket is one side. {@code ticketId} is the client's command id,
 * unique per player, so {@link #key()} (player and ticket) identifies it across players.
 */
public record Ticket(String ticketId, String playerId, double rating, double deviation, int spread, long openedAtMillis) {

    public String key() {
        return key(playerId, ticketId);
    }

    /** Length-prefixed, so no choice of ids makes two different tickets share a key. */
    public static String key(String playerId, String ticketId) {
        return playerId.length() + ":" + playerId + "/" + ticketId;
    }
}
