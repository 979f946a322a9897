package io.ludus.ingress.ws;

import io.github.bucket4j.Bucket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Per-socket state: whose socket it is, its frame budget, and the order its commands are sent in. */
final class Connection {

    final String playerId;
    final Bucket frames;
    final AtomicInteger inFlight = new AtomicInteger();
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    Connection(String playerId, Bucket frames) {
        this.playerId = playerId;
        this.frames = frames;
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
