package io.ludus.matchmaker.topology;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the player stage knows of one player: a ban, the open ticket per queue (possibly just closed, a closure
 * being on its way), and the latest queue command ids, so a retried command is a no-op.
 */
final class PlayerState {

    /** Command ids remembered per player: far more than a client retries, few enough to bound the store. */
    static final int REMEMBERED_COMMANDS = 32;

    long bannedUntilMillis;
    final Map<String, String> openTicketByQueue = new LinkedHashMap<>();
    /** The band an open ticket of a banded queue opened in, where its cancel goes; absent for unbanded queues. */
    final Map<String, Integer> homeBandByQueue = new LinkedHashMap<>();
    final Deque<String> recentCommandIds = new ArrayDeque<>();

    boolean bannedAt(long millis) {
        return bannedUntilMillis > millis;
    }

    /** False when the command id was seen already. */
    boolean remember(String commandId) {
        if (recentCommandIds.contains(commandId)) {
            return false;
        }
        recentCommandIds.addLast(commandId);
        while (recentCommandIds.size() > REMEMBERED_COMMANDS) {
            recentCommandIds.removeFirst();
        }
        return true;
    }

    /** Forgets the open ticket of a queue, if it is still {@code ticketId}. */
    void close(String queueId, String ticketId) {
        if (openTicketByQueue.remove(queueId, ticketId)) {
            homeBandByQueue.remove(queueId);
        }
    }

    static PlayerState of(long bannedUntilMillis, Map<String, String> open, Map<String, Integer> homeBands, List<String> recent) {
        PlayerState state = new PlayerState();
        state.bannedUntilMillis = bannedUntilMillis;
        state.openTicketByQueue.putAll(open);
        state.homeBandByQueue.putAll(homeBands);
        state.recentCommandIds.addAll(recent);
        return state;
    }
}
