package io.ludus.ingress.ws;

import io.github.bucket4j.Bucket;
import io.ludus.ingress.delivery.NotificationStream;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.websocket.WebSocketSession;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Per-socket state: whose socket it is and which login (refresh family) opened it, its frame budget,
 * the order its commands are sent in, and its notification stream.
 */
final class Connection {

    final String playerId;
    /** The access token's {@code sid} (refresh family id); null for tokens issued without one. */
    final @Nullable String familyId;
    final WebSocketSession session;
    final Bucket frames;
    /** Frames over the rate limit this socket may still send before it is closed. */
    final Bucket strikes;
    final AtomicInteger inFlight = new AtomicInteger();
    volatile NotificationStream notifications;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    Connection(String playerId, @Nullable String familyId, WebSocketSession session, Bucket frames, Bucket strikes) {
        this.playerId = playerId;
        this.familyId = familyId;
        this.session = session;
        this.frames = frames;
        this.strikes = strikes;
    }

    /**
     * Runs {@code send} on {@code executor} after the previous command's send has been handed to
     * the producer, so one socket's commands keep their order in the partition. Does not wait for
     * the previous command's ack.
     */
    synchronized CompletableFuture<Void> enqueue(Supplier<CompletableFuture<Void>> send, Executor executor) {
        CompletableFuture<CompletableFuture<Void>> sent = lastSend.thenApplyAsync(ignored -> send.get(), executor);
        lastSend = sent.handle((ignored, error) -> null);
        return sent.thenCompose(acked -> acked);
    }
}
