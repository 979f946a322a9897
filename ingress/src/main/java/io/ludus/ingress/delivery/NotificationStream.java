package io.ludus.ingress.delivery;

import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One socket's notifications, in order, each once. Live notifications go straight out while they
 * follow the last one sent; anything else (a resume, a gap because the socket subscribed while the
 * feed was ahead of the log) is filled from the {@link NotificationLog} on a worker, while the live
 * feed only records how far it got. Nothing is buffered per socket.
 */
public final class NotificationStream {

    /**
     * Whether the log holds every notification of this player that the live feed read before this socket
     * subscribed, and before {@code liveOffset} (the feed's position after the newest one it offered here; 0
     * when it offered none).
     */
    interface LogCoverage {
        boolean covers(long liveOffset) throws Exception;
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

    private LogCoverage coverage = liveOffset -> true;
    private long lastSent = UNKNOWN;
    private long liveHead;
    /** The live feed's position after the newest notification it offered here. */
    private long liveOffset;
    /** Coverage the stream stopped waiting for after RESYNC_REQUIRED. */
    private long waivedOffset = -1;
    private boolean filling;

    /**
     * A stream resuming after {@code after}, or live only when null. A resuming stream holds back live
     * notifications from the moment it exists: the live feed may offer one between the socket subscribing and
     * {@link #start}, and sending it then would put it ahead of the ones the resume sends.
     */
    NotificationStream(String playerId, Outlet outlet, NotificationLog log, NotificationFrames frames,
                       DeliveryProperties properties, Executor executor, @Nullable Long after) {
        this.playerId = playerId;
        this.outlet = outlet;
        this.log = log;
        this.frames = frames;
        this.properties = properties;
        this.executor = executor;
        if (after != null) {
            lastSent = after;
            filling = true;
        }
    }

    public String playerId() {
        return playerId;
    }

    /** Starts a resuming stream's fill from the log; a live-only stream needs no start. */
    synchronized void start(LogCoverage coverage) {
        if (lastSent == UNKNOWN) {
            return;
        }
        this.coverage = coverage;
        executor.execute(this::fill);
    }

    /**
     * Starts a live-only stream on a socket that arrived before the live feed was reading: the feed will start
     * at the end of the topic, past whatever was committed meanwhile, so those come from the log, after the
     * newest notification it holds at subscription, until the log covers where the feed started.
     */
    synchronized void startAfterLogHead(LogCoverage coverage) {
        if (lastSent != UNKNOWN) {
            return; // the feed started reading meanwhile and this stream already went live
        }
        this.coverage = coverage;
        filling = true;
        executor.execute(() -> {
            long head;
            try {
                head = log.head(playerId).orElse(0);
            } catch (NotificationLogException e) {
                LOG.warn("notification stream of player {} starts live only: {}", playerId, e.toString());
                synchronized (this) {
                    filling = false;
                }
                return;
            }
            synchronized (this) {
                lastSent = head;
            }
            fill();
        });
    }

    /** A notification from the live feed, which read it before {@code offset}. */
    synchronized void offer(long seq, long offset, String frame) {
        liveHead = Math.max(liveHead, seq);
        liveOffset = Math.max(liveOffset, offset);
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

    private enum Step { SENT, CAUGHT_UP, BEHIND }

    /** A page could not be handed to the socket: it is closing, or its client stopped reading. */
    private static final class SendFailed extends Exception {
        SendFailed(Throwable cause) {
            super(cause);
        }
    }

    private void fill() {
        long behindSince = 0;
        while (outlet.isOpen()) {
            Step step;
            long pause = 50;
            try {
                step = fillOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SendFailed e) {
                // the client resumes from its last seq on reconnect
                LOG.info("notification resume of player {} stopped: {}", playerId, e.getCause().toString());
                return;
            } catch (Exception e) {
                // PostgreSQL or the archive's offsets could not be read: a stream must not go silent, so retry,
                // and past gap-timeout tell the client to resync like any other gap that cannot be filled
                LOG.warn("notification resume of player {}: {}; retrying", playerId, e.toString());
                step = Step.BEHIND;
                pause = 500;
            }
            if (step == Step.CAUGHT_UP) {
                return;
            }
            if (step == Step.SENT) {
                behindSince = 0;
                continue;
            }
            long now = System.nanoTime();
            if (behindSince == 0) {
                behindSince = now;
            } else if (now - behindSince > properties.gapTimeout().toNanos()) {
                long head;
                synchronized (this) {
                    head = liveHead;
                    waivedOffset = liveOffset;
                }
                skipToHead(head, "notifications after " + lastSentNow() + " could not be read in time; resync from the query API");
                behindSince = 0;
                continue;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Step fillOnce() throws Exception {
        long from;
        long needed;
        synchronized (this) {
            from = lastSent;
            needed = liveOffset;
        }
        // Coverage before the page, never after: the archive may log rows and commit its offsets between the
        // two reads, and an empty page read before coverage was confirmed would end the resume with those rows
        // unsent (the live feed passed them, so nothing else would send them).
        boolean covered = needed <= waivedOffsetNow() || coverage.covers(needed);
        List<NotificationLog.Entry> page = log.after(playerId, from, properties.resumePageSize());
        if (!page.isEmpty() && page.getFirst().seq() > from + 1) {
            skipToHead(page.getFirst().seq() - 1, "notifications after " + from + " are past retention; resync from the query API");
            return Step.SENT;
        }
        if (!page.isEmpty()) {
            CompletableFuture<?> last = null;
            for (NotificationLog.Entry entry : page) {
                last = outlet.send(entry.frame());
            }
            try {
                // one page in flight at a time: a resume never floods the socket's outbound queue
                last.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new SendFailed(e);
            }
            synchronized (this) {
                lastSent = page.getLast().seq();
            }
            return Step.SENT;
        }
        synchronized (this) {
            if (covered && lastSent >= liveHead) {
                filling = false;
                return Step.CAUGHT_UP;
            }
        }
        // the log does not yet hold what the live feed read before or since subscribing: the archive is behind
        return Step.BEHIND;
    }

    private synchronized long lastSentNow() {
        return lastSent;
    }

    private synchronized long waivedOffsetNow() {
        return waivedOffset;
    }

    private void skipToHead(long gapEnd, String message) {
        OptionalLong logged;
        try {
            logged = log.head(playerId);
        } catch (NotificationLogException e) {
            logged = OptionalLong.empty();
        }
        long head;
        synchronized (this) {
            head = Math.max(gapEnd, Math.max(liveHead, logged.orElse(0)));
            lastSent = Math.max(lastSent, head);
        }
        LOG.info("player {} told to resync, resuming after {}: {}", playerId, head, message);
        outlet.send(frames.resyncRequired(head, message));
    }
}
