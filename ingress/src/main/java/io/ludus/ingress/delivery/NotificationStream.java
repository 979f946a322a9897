package io.ludus.ingress.delivery;

import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One socket's notifications, in order, each once. Live notifications go straight out while they
 * follow the last one sent; anything else (a resume, a gap because the socket subscribed while the
 * feed was ahead of the log) is filled from the {@link NotificationLog} on a worker, while the live
 * feed only records how far it got. Nothing is buffered per socket.
 */
public final class NotificationStream {

    /** Whether the log holds everything the live feed read before this socket subscribed. */
    interface LogBarrier {
        boolean passed() throws Exception;
    }

    /** Where frames go: the socket. */
    public interface Outlet {
        CompletableFuture<?> send(String frame);

        boolean isOpen();
    }

    private static final Logger LOG = LoggerFactory.getLogger(NotificationStream.class);
    private static final long UNKNOWN = -1;
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final String playerId;
    private final Outlet outlet;
    private final NotificationLog log;
    private final NotificationFrames frames;
    private final DeliveryProperties properties;
    private final Executor executor;

    private LogBarrier barrier = () -> true;
    private boolean barrierPassed;
    private long lastSent = UNKNOWN;
    private long liveHead;
    private boolean filling;

    NotificationStream(String playerId, Outlet outlet, NotificationLog log, NotificationFrames frames,
                       DeliveryProperties properties, Executor executor) {
        this.playerId = playerId;
        this.outlet = outlet;
        this.log = log;
        this.frames = frames;
        this.properties = properties;
        this.executor = executor;
    }

    public String playerId() {
        return playerId;
    }

    /** Starts the stream: after {@code after} (resume), or with the next live notification when null. */
    synchronized void start(@Nullable Long after, LogBarrier barrier) {
        if (after == null) {
            return;
        }
        this.barrier = barrier;
        lastSent = after;
        filling = true;
        executor.execute(this::fill);
    }

    /** A notification from the live feed. */
    synchronized void offer(long seq, String frame) {
        liveHead = Math.max(liveHead, seq);
        if (lastSent == UNKNOWN && !filling) {
            outlet.send(frame);
            lastSent = seq;
            return;
        }
        if (seq <= lastSent || filling) {
            return;
        }
        if (seq == lastSent + 1) {
            outlet.send(frame);
            lastSent = seq;
            return;
        }
        filling = true;
        executor.execute(this::fill);
    }

    private void fill() {
        try {
            long waitingSince = 0;
            while (outlet.isOpen()) {
                long from;
                synchronized (this) {
                    from = lastSent;
                }
                List<NotificationLog.Entry> page = log.after(playerId, from, properties.resumePageSize());
                if (!page.isEmpty() && page.getFirst().seq() > from + 1) {
                    skipToHead(page.getFirst().seq() - 1, "notifications after " + from + " are past retention; resync from the query API");
                    continue;
                }
                if (!page.isEmpty()) {
                    CompletableFuture<?> last = null;
                    for (NotificationLog.Entry entry : page) {
                        last = outlet.send(entry.frame());
                    }
                    // one page in flight at a time: a resume never floods the socket's outbound queue
                    last.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    synchronized (this) {
                        lastSent = page.getLast().seq();
                    }
                    waitingSince = 0;
                    continue;
                }
                if (!barrierPassed) {
                    barrierPassed = barrier.passed();
                }
                synchronized (this) {
                    if (barrierPassed && lastSent >= liveHead) {
                        filling = false;
                        return;
                    }
                }
                // the log does not yet hold what the live feed read before or since subscribing: the archive is behind
                long now = System.nanoTime();
                if (waitingSince == 0) {
                    waitingSince = now;
                } else if (now - waitingSince > properties.gapTimeout().toNanos()) {
                    long head;
                    synchronized (this) {
                        head = liveHead;
                    }
                    skipToHead(head, "notifications after " + from + " could not be read in time; resync from the query API");
                    barrierPassed = true;
                    continue;
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the socket closed under us, or PostgreSQL failed: the client resumes from its last seq on reconnect
            LOG.warn("notification resume of player {} stopped: {}", playerId, e.toString());
        }
    }

    private void skipToHead(long gapEnd, String message) {
        OptionalLong logged = log.head(playerId);
        long head;
        synchronized (this) {
            head = Math.max(gapEnd, Math.max(liveHead, logged.orElse(0)));
            lastSent = Math.max(lastSent, head);
        }
        outlet.send(frames.resyncRequired(head, message));
    }
}
