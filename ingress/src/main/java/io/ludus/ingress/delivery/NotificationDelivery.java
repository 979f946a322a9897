package io.ludus.ingress.delivery;

import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The streams of this node's sockets by player: what the {@link LiveFeed} delivers to. */
@Singleton
public class NotificationDelivery {

    private final NotificationLog log;
    private final NotificationFrames frames;
    private final DeliveryProperties properties;
    private final Map<String, List<NotificationStream>> byPlayer = new ConcurrentHashMap<>();
    // resumes block on PostgreSQL and on the socket draining a page
    private final ExecutorService resumes = Executors.newVirtualThreadPerTaskExecutor();

    NotificationDelivery(NotificationLog log, NotificationFrames frames, DeliveryProperties properties) {
        this.log = log;
        this.frames = frames;
        this.properties = properties;
    }

    /** Subscribes a socket; {@code after} is the last seq the client saw, or null for live notifications only. */
    public NotificationStream open(String playerId, NotificationStream.Outlet outlet, @Nullable Long after) {
        NotificationStream stream = new NotificationStream(playerId, outlet, log, frames, properties, resumes);
        byPlayer.computeIfAbsent(playerId, player -> new CopyOnWriteArrayList<>()).add(stream);
        stream.start(after);
        return stream;
    }

    public void close(NotificationStream stream) {
        byPlayer.computeIfPresent(stream.playerId(), (player, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    boolean isLocal(String playerId) {
        return byPlayer.containsKey(playerId);
    }

    void deliver(String playerId, long seq, String frame) {
        for (NotificationStream stream : byPlayer.getOrDefault(playerId, List.of())) {
            stream.offer(seq, frame);
        }
    }

    @PreDestroy
    void shutdown() {
        resumes.shutdownNow();
    }
}
