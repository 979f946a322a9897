package io.ludus.ingress.ws;

import io.micronaut.websocket.CloseReason;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's open sockets by player: the caps per player and per node, closing a player's sockets
 * (ban, revoked login), and a count of server closes by reason.
 */
@Singleton
public final class Sockets {

    private static final Logger LOG = LoggerFactory.getLogger(Sockets.class);

    private final SocketProperties properties;
    private final Map<String, List<Connection>> byPlayer = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<CloseCode, AtomicLong> closes = new EnumMap<>(CloseCode.class);

    Sockets(SocketProperties properties) {
        this.properties = properties;
        for (CloseCode code : CloseCode.values()) {
            closes.put(code, new AtomicLong());
        }
    }

    /** Registers {@code connection}, or returns false when the node is full; closes the player's oldest socket over the cap. */
    boolean register(Connection connection) {
        if (open.incrementAndGet() > properties.maxSocketsPerNode()) {
            open.decrementAndGet();
            return false;
        }
        List<Connection> evicted = new ArrayList<>();
        byPlayer.compute(connection.playerId, (player, current) -> {
            List<Connection> next = current == null ? new ArrayList<>(1) : new ArrayList<>(current);
            next.add(connection);
            while (next.size() > properties.maxSocketsPerPlayer()) {
                evicted.add(next.removeFirst());
            }
            return List.copyOf(next);
        });
        for (Connection old : evicted) {
            close(old, CloseCode.SESSION_REPLACED, "too many sockets for this player; the oldest was closed");
        }
        return true;
    }

    void unregister(Connection connection) {
        boolean[] removed = {false};
        byPlayer.computeIfPresent(connection.playerId, (player, current) -> {
            List<Connection> next = new ArrayList<>(current);
            removed[0] = next.remove(connection);
            return next.isEmpty() ? null : List.copyOf(next);
        });
        if (removed[0]) {
            open.decrementAndGet();
        }
    }

    /** Closes every socket of {@code playerId} on this node; returns how many. */
    public int closeAll(String playerId, CloseCode code, String reason) {
        List<Connection> connections = byPlayer.getOrDefault(playerId, List.of());
        for (Connection connection : connections) {
            close(connection, code, reason);
        }
        return connections.size();
    }

    /** Every open socket, for the periodic family check. */
    List<Connection> all() {
        List<Connection> all = new ArrayList<>(open.get());
        byPlayer.values().forEach(all::addAll);
        return all;
    }

    public int openSockets() {
        return open.get();
    }

    /** How many sockets this node closed for {@code code} since it started. */
    public long closed(CloseCode code) {
        return closes.get(code).get();
    }

    void counted(CloseCode code) {
        closes.get(code).incrementAndGet();
    }

    /** The node is stopping: every client may reconnect elsewhere and resume. */
    @PreDestroy
    void goingAway() {
        for (Connection connection : all()) {
            close(connection, CloseCode.GOING_AWAY, "server shutting down; reconnect and resume");
        }
    }

    void close(Connection connection, CloseCode code, String reason) {
        counted(code);
        LOG.info("closing socket of player {}: {}", connection.playerId, code);
        unregister(connection);
        connection.session.close(new CloseReason(code.code(), reason));
    }
}
