package io.ludus.ingress.ws;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Socket liveness and memory bounds, under {@code ludus.ingress.socket}. Each component documents
 * its default; an invalid value fails startup with a message naming the key.
 *
 * @param pingInterval        the server pings every socket this often (default 20s)
 * @param pongTimeout         a socket that sent nothing, not even a pong, for {@code pingInterval + pongTimeout}
 *                            is closed with 4001 (default 10s)
 * @param idleTimeout         a socket that sent no text frame for this long is closed with 4002 (default 30m)
 * @param maxOutboundBytes    bytes queued for a socket beyond what the kernel accepted; past it the socket
 *                            is closed with 4003 and its queue dropped (default 1048576)
 * @param maxSocketsPerPlayer open sockets per player; a further one closes the oldest with 4005 (default 4)
 * @param maxSocketsPerNode   open sockets on this node; a further upgrade is closed with 1013 (default 100000)
 * @param rateStrikes         frames over the rate limit tolerated per {@code ludus.ingress.command-rate-period};
 *                            one more closes the socket with 4004 (default 20)
 * @param closeGrace          after the server sends a close frame, how long the client has to answer
 *                            before the connection is dropped (default 2s)
 * @param familyCheckInterval how often the node checks its sockets' login families against PostgreSQL, so a
 *                            logout or revoked family closes them with 4006 (default 5s)
 */
@Context
@ConfigurationProperties("ludus.ingress.socket")
public record SocketProperties(
        @Bindable(defaultValue = "20s") Duration pingInterval,
        @Bindable(defaultValue = "10s") Duration pongTimeout,
        @Bindable(defaultValue = "30m") Duration idleTimeout,
        @Bindable(defaultValue = "1048576") int maxOutboundBytes,
        @Bindable(defaultValue = "4") int maxSocketsPerPlayer,
        @Bindable(defaultValue = "100000") int maxSocketsPerNode,
        @Bindable(defaultValue = "20") int rateStrikes,
        @Bindable(defaultValue = "2s") Duration closeGrace,
        @Bindable(defaultValue = "5s") Duration familyCheckInterval) {

    public SocketProperties {
        positive("ludus.ingress.socket.ping-interval", pingInterval);
        positive("ludus.ingress.socket.pong-timeout", pongTimeout);
        positive("ludus.ingress.socket.idle-timeout", idleTimeout);
        positive("ludus.ingress.socket.close-grace", closeGrace);
        positive("ludus.ingress.socket.family-check-interval", familyCheckInterval);
        if (maxOutboundBytes < 4096) {
            throw new IllegalArgumentException("ludus.ingress.socket.max-outbound-bytes must be >= 4096, was " + maxOutboundBytes);
        }
        positive("ludus.ingress.socket.max-sockets-per-player", maxSocketsPerPlayer);
        positive("ludus.ingress.socket.max-sockets-per-node", maxSocketsPerNode);
        positive("ludus.ingress.socket.rate-strikes", rateStrikes);
    }

    private static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(key + " must be > 0, was " + value);
        }
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + value);
        }
    }
}
