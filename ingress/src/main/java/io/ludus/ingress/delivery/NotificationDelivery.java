package io.ludus.ingress.delivery;

import io.micronaut.context.BeanProvider;
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

    private final BeanProvider<LiveFeed> feed;
    private final ArchiveProgress archive;

    NotificationDelivery(NotificationLog log, NotificationFrames frames, DeliveryProperties properties,
                         BeanProvider<LiveFeed> feed, ArchiveProgress archive) {
        this.log = log;
        this.frames = frames;
        this.properties = properties;
        this.feed = feed;
        this.archive = archive;
    }

    /** Subscribes a socket; {@code after} is the last seq the client saw, or null for live notifications only. */
    public NotificationStream open(String playerId, NotificationStream.Outlet outlet, @Nullable Long after) {
        NotificationStream stream = new NotificationStream(playerId, outlet, log, frames, properties, resumes, after);
        byPlayer.computeIfAbsent(playerId, player -> new CopyOnWriteArrayList<>()).add(stream);
        // read after subscribing: whatever the feed passed before this offset must come from the log
        LiveFeed.LivePosition atSubscribe = feed.get().position(playerId);
        NotificationStream.LogCoverage coverage = new NotificationStream.LogCoverage() {
            private LiveFeed.LivePosition subscribed = atSubscribe;

            @Override
            public boolean covers(long liveOffset) throws Exception {
                if (subscribed == null) {
                    // the feed was not reading yet: it starts at the end, so its first position is the bound
                    subscribed = feed.get().position(playerId);
                }
                return subscribed != null
                        && archive.covers(subscribed.partition(), Math.max(subscribed.offset(), liveOffset));
            }
        };
        if (after == null && atSubscribe == null) {
            stream.startAfterLogHead(coverage);
        } else {
            stream.start(coverage);
        }
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

    /** A notification the live feed read before {@code offset} of the player's partition. */
    void deliver(String playerId, long seq, long offset, String frame) {
        for (NotificationStream stream : byPlayer.getOrDefault(playerId, List.of())) {
            stream.offer(seq, offset, frame);
        }
    }

    @PreDestroy
    void shutdown() {
        resumes.shutdownNow();
    }
}
