package io.ludus.loadtest.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ludus.replay.verify.ReplayVerifier;
import io.ludus.replay.verify.Verification;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One player over the public protocol, run on its own virtual thread: log in, open the socket with {@code after},
 * then rounds of join → wait for the result, with friend requests, replay fetches and deliberate disconnects mixed
 * in. Every frame is handled on this thread; the socket listener only hands text over.
 */
final class Bot implements Runnable {

    /** A queue.join this bot sent and is waiting on. */
    private static final class Ticket {
        final String queue;
        final ObjectNode frame;
        final long sentNanos;
        boolean acked;
        boolean disconnectedMeanwhile;
        String matchId;
        /** When its MatchFound arrived (0: not yet). */
        long foundNanos;

        Ticket(String queue, ObjectNode frame, long sentNanos) {
            this.queue = queue;
            this.frame = frame;
            this.sentNanos = sentNanos;
        }
    }

    /** Text from socket {@code generation}, or its end ({@code text == null}). */
    private record Inbound(int generation, String text, String endCode) {}

    private static final Duration REPLY_WAIT = Duration.ofSeconds(10);
    /** After a queue.leave: time for the QueueLeft, or for the result of a match that formed first. */
    static final Duration LEAVE_WAIT = Duration.ofSeconds(15);

    private final int index;
    private final Swarm swarm;
    private final SwarmStats stats;
    private final SplittableRandom random;
    private final SequenceTracker sequence = new SequenceTracker();
    private final LinkedBlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private final Map<String, Ticket> byCommand = new HashMap<>();
    private final Map<String, Ticket> byTicket = new HashMap<>();
    private final Map<String, Ticket> byMatch = new HashMap<>();
    private final List<JsonNode> readyResults = new ArrayList<>();
    private final Set<String> pendingReplies = new HashSet<>();
    private final Set<String> leaves = new HashSet<>();
    /** A MatchFound that came before its ticket's QueueJoined: the match and when it arrived. */
    private record EarlyMatch(String matchId, long foundNanos) {}

    private final Map<String, EarlyMatch> matchOfTicket = new HashMap<>();
    private final Map<String, Long> resultAt = new HashMap<>();
    private Session session;
    private WebSocket socket;
    private int generation;
    private int targetIndex;
    private boolean open;
    private long frameIds;
    private long connectedAtNanos;
    private long connectedAfter;
    private String lastResync;

    Bot(int index, Swarm swarm) {
        this.index = index;
        this.swarm = swarm;
        this.stats = swarm.stats();
        this.random = new SplittableRandom(swarm.settings().seed() * 1_000_003L + index);
        this.targetIndex = index;
    }

    @Override
    public void run() {
        try {
            session = swarm.login(index);
            if (session == null) {
                return; // the run ended before a login succeeded; the failures are counted
            }
            stats.loggedIn.incrementAndGet();
            swarm.registerPlayer(index, session.playerId());
            if (!connect(0)) {
                return;
            }
            SwarmSettings s = swarm.settings();
            while (swarm.joining()) {
                round(s);
                long pauseMillis = s.pause().toMillis();
                if (pauseMillis > 0 && swarm.joining()) {
                    idle(random.nextLong(2 * pauseMillis + 1));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stats.notifications.add(sequence.received());
            stats.missed.add(sequence.missed());
            stats.duplicated.add(sequence.duplicates());
            stats.outOfOrder.add(sequence.outOfOrder());
            closeSocket();
        }
    }

    private void round(SwarmSettings s) throws InterruptedException {
        if (!open) {
            reconnect();
        }
        int queues = random.nextDouble() < s.multiQueue() ? 2 : 1;
        List<SwarmSettings.Queue> all = s.queues();
        int first = random.nextInt(all.size());
        List<String> sent = new ArrayList<>();
        for (int q = 0; q < Math.min(queues, all.size()); q++) {
            SwarmSettings.Queue queue = all.get((first + q) % all.size());
            String id = nextId("j");
            ObjectNode frame = Frames.queueJoin(id, queue.id(), queue.teamSize(), random.nextLong());
            byCommand.put(id, new Ticket(queue.id(), frame, System.nanoTime()));
            if (!send(frame)) {
                byCommand.remove(id);
                return;
            }
            stats.joins.increment();
            sent.add(id);
        }
        if (random.nextDouble() < s.friend()) {
            String other = swarm.randomOtherPlayer(index, random);
            if (other != null && send(Frames.social("friend.request", nextId("f"), other))) {
                stats.friendRequestsSent.increment();
            }
        }
        if (random.nextDouble() < s.disconnect()) {
            awaitReplies(sent);
            disconnectAndResume();
        }
        awaitTickets(System.nanoTime() + s.resultTimeout().toNanos());
        for (JsonNode result : readyResults) {
            if (random.nextDouble() < s.replay()) {
                fetchReplay(result);
            }
        }
        readyResults.clear();
    }

    /**
     * Handles frames until every ticket of this round ended or {@code deadlineNanos} passed. Tickets still unmatched
     * then, or once the run stops joining, are left (queue.leave), as a player gives up; a matched ticket is waited on.
     */
    private void awaitTickets(long deadlineNanos) throws InterruptedException {
        boolean left = false;
        long end = deadlineNanos;
        while (!byCommand.isEmpty() && swarm.running()) {
            if (!open) {
                reconnect();
            }
            if (!left && (System.nanoTime() >= deadlineNanos || !swarm.joining())) {
                left = true;
                leaveUnmatched();
                end = Math.max(end, System.nanoTime() + LEAVE_WAIT.toNanos());
            }
            if (System.nanoTime() >= end) {
                break;
            }
            pollAndHandle(Math.min(end - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(200)));
        }
        if (!byCommand.isEmpty()) {
            for (Ticket t : byCommand.values()) {
                stats.error(!t.acked ? "JOIN_NOT_ACKNOWLEDGED" : t.matchId != null ? "RESULT_TIMEOUT" : "LEAVE_UNANSWERED");
            }
            stats.unfinished.add(byCommand.size());
            byCommand.clear();
            byTicket.clear();
            byMatch.clear();
        }
    }

    /** Keeps handling frames (friend requests, late notifications) for {@code millis}. */
    private void idle(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end && swarm.joining()) {
            pollAndHandle(Math.min(end - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }

    private void leaveUnmatched() {
        for (Ticket t : List.copyOf(byCommand.values())) {
            if (t.matchId == null) {
                String id = nextId("l");
                leaves.add(id);
                send(Frames.JSON.createObjectNode().put("type", "queue.leave").put("id", id).put("queue", t.queue));
            }
        }
    }

    private void awaitReplies(List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + REPLY_WAIT.toNanos();
        pendingReplies.addAll(ids);
        while (!pendingReplies.isEmpty() && System.nanoTime() < deadline && swarm.running()) {
            pollAndHandle(TimeUnit.MILLISECONDS.toNanos(200));
        }
        pendingReplies.clear();
    }

    private void pollAndHandle(long nanos) throws InterruptedException {
        Inbound in = inbox.poll(Math.max(nanos, 1), TimeUnit.NANOSECONDS);
        if (in == null || in.generation() != generation) {
            return; // a frame of a socket this bot already left is not one it processed
        }
        if (in.text() == null) {
            socketLost("SOCKET_CLOSED_" + in.endCode());
            reconnect();
            return;
        }
        JsonNode frame;
        try {
            frame = Frames.JSON.readTree(in.text());
        } catch (IOException e) {
            stats.error("FRAME_NOT_JSON");
            return;
        }
        handle(frame);
    }

    private void handle(JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "notification" -> notification(frame);
            case "ack" -> {
                pendingReplies.remove(frame.path("id").asText());
                Ticket t = byCommand.get(frame.path("id").asText());
                if (t != null) {
                    t.acked = true;
                }
            }
            case "error" -> {
                String id = frame.path("id").asText(null);
                pendingReplies.remove(id);
                String code = frame.path("code").asText("NO_CODE");
                stats.error(code);
                if (code.equals("RESYNC_REQUIRED")) {
                    long before = sequence.resumeAfter();
                    long skipped = sequence.skipTo(frame.path("resumesAfter").asLong());
                    stats.resyncSkipped.add(skipped);
                    lastResync = "after " + before + " to " + frame.path("resumesAfter").asLong() + " ("
                            + frame.path("message").asText() + ") "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectedAtNanos) + " ms after the socket opened";
                    if (skipped > 0) {
                        stats.deliveryExample("skipped " + skipped + ": player " + session.playerId() + " " + lastResync
                                + " on " + swarm.target(targetIndex).webSocket() + " opened with after=" + connectedAfter);
                    }
                }
                Ticket t = id == null ? null : byCommand.get(id);
                if (t != null && code.equals("UNAVAILABLE") && send(t.frame)) {
                    stats.joinRetries.increment(); // possibly stored: retrying a join with its id is safe
                } else if (t != null) {
                    byCommand.remove(id); // a refused join opens no ticket
                }
            }
            default -> stats.error("UNKNOWN_FRAME");
        }
    }

    private void notification(JsonNode n) {
        long seq = n.path("seq").asLong();
        long highest = sequence.resumeAfter();
        boolean fresh = sequence.accept(seq);
        if (!fresh || seq < highest) {
            stats.deliveryExample((fresh ? "out of order" : "duplicate") + ": player " + session.playerId() + " got "
                    + n.path("event").asText() + " seq " + seq + " after seq " + highest + " on "
                    + swarm.target(targetIndex).webSocket() + ", socket opened with after=" + connectedAfter + " "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectedAtNanos) + " ms before"
                    + (lastResync == null ? "" : "; last RESYNC_REQUIRED: " + lastResync));
        }
        if (!fresh) {
            return; // a duplicate: the client has already acted on it
        }
        JsonNode data = n.path("data");
        switch (n.path("event").asText()) {
            // a ticket's notifications come from different topics: MatchFound, even the result, may precede QueueJoined
            case "QueueJoined" -> {
                Ticket t = byCommand.get(data.path("commandId").asText());
                if (t != null) {
                    byTicket.put(data.path("ticketId").asText(), t);
                    EarlyMatch early = matchOfTicket.remove(data.path("ticketId").asText());
                    if (early != null) {
                        settle(t, early.matchId(), early.foundNanos());
                    }
                }
            }
            case "MatchFound" -> {
                Ticket t = byTicket.get(data.path("ticketId").asText());
                if (t != null) {
                    settle(t, data.path("matchId").asText(), System.nanoTime());
                } else {
                    matchOfTicket.put(data.path("ticketId").asText(), new EarlyMatch(data.path("matchId").asText(), System.nanoTime()));
                }
            }
            case "MatchResultReady" -> {
                String matchId = data.path("matchId").asText();
                stats.results.increment();
                stats.matchesWithResult.add(matchId);
                readyResults.add(data);
                Ticket t = byMatch.get(matchId);
                if (t != null) {
                    complete(t, System.nanoTime());
                } else {
                    resultAt.put(matchId, System.nanoTime());
                }
            }
            case "QueueLeft", "MatchCancelled" -> {
                Ticket t = n.path("event").asText().equals("QueueLeft")
                        ? byTicket.get(data.path("ticketId").asText()) : byMatch.remove(data.path("matchId").asText());
                if (t != null) {
                    stats.ticketsEndedWithoutResult.increment();
                    forget(t);
                }
            }
            case "CommandRejected" -> {
                String commandId = data.path("commandId").asText();
                if (leaves.remove(commandId) && data.path("code").asText().equals("NOT_IN_QUEUE")) {
                    return; // matched just before the leave arrived: the result is on its way
                }
                stats.error("REJECTED_" + data.path("code").asText());
                byCommand.remove(commandId);
            }
            case "FriendRequestReceived" -> {
                if (send(Frames.social("friend.accept", nextId("a"), data.path("requesterId").asText()))) {
                    stats.friendRequestsAccepted.increment();
                }
            }
            default -> { } // FriendshipChanged, RatingChanged: counted by sequence only
        }
    }

    /** The ticket's match is known: wait for its result, or complete it if the result came first. */
    private void settle(Ticket t, String matchId, long foundNanos) {
        t.matchId = matchId;
        t.foundNanos = foundNanos;
        byMatch.put(matchId, t);
        Long at = resultAt.remove(matchId);
        if (at != null) {
            complete(t, at);
        }
    }

    private void complete(Ticket t, long resultNanos) {
        if (!t.disconnectedMeanwhile) {
            // a result that overtook its MatchFound counts the whole wait as the queue's
            long foundNanos = t.foundNanos == 0 ? resultNanos : Math.min(t.foundNanos, resultNanos);
            stats.joinToResult.add(new SwarmStats.JoinToResult(t.queue, t.sentNanos,
                    TimeUnit.NANOSECONDS.toMillis(resultNanos - t.sentNanos), TimeUnit.NANOSECONDS.toMillis(resultNanos - foundNanos)));
        }
        forget(t);
    }

    private void forget(Ticket t) {
        byCommand.values().remove(t);
        byTicket.values().remove(t);
        byMatch.values().remove(t);
    }

    private void fetchReplay(JsonNode result) {
        String uri = result.path("replay").path("uri").asText("");
        if (uri.isEmpty()) {
            return;
        }
        try {
            HttpResponse<byte[]> r = swarm.http().send(HttpRequest.newBuilder(swarm.target(targetIndex).http().resolve(uri))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + session.accessToken()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                stats.error("REPLAY_HTTP_" + r.statusCode());
                return;
            }
            stats.replaysFetched.increment();
            if (swarm.claimReplayVerification()) {
                Verification v = new ReplayVerifier().verify(new ByteArrayInputStream(r.body()));
                if (v instanceof Verification.Verified) {
                    stats.replaysVerified.increment();
                } else {
                    stats.error("REPLAY_NOT_VERIFIED");
                }
            }
        } catch (IOException e) {
            stats.error("REPLAY_IO");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void disconnectAndResume() throws InterruptedException {
        closeSocket();
        stats.disconnects.increment();
        byCommand.values().forEach(t -> t.disconnectedMeanwhile = true);
        Thread.sleep(200 + random.nextInt(1300));
        if (connect(sequence.resumeAfter())) {
            stats.resumes.increment();
            resendUnacknowledged();
        }
    }

    /** The server or the network ended the socket: resume from the last processed seq, as a client must. */
    private void reconnect() throws InterruptedException {
        byCommand.values().forEach(t -> t.disconnectedMeanwhile = true);
        if (connect(sequence.resumeAfter())) {
            stats.resumes.increment();
            resendUnacknowledged();
        }
    }

    /** A join whose ack the lost socket never brought may or may not be stored: send it again, same id (a no-op if it was). */
    private void resendUnacknowledged() {
        for (Ticket t : List.copyOf(byCommand.values())) {
            if (!t.acked && send(t.frame)) {
                stats.joinRetries.increment();
            }
        }
    }

    /** Opens a socket resuming after {@code after}; retries with backoff while the swarm runs. */
    private boolean connect(long after) throws InterruptedException {
        long backoff = 250;
        while (swarm.running()) {
            int gen = ++generation;
            URI uri = URI.create(swarm.target(targetIndex).webSocket() + "?after=" + after);
            try {
                socket = swarm.webSockets().newWebSocketBuilder()
                        .header("Authorization", "Bearer " + session.accessToken())
                        .connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(uri, new Listener(gen)).join();
                open = true;
                connectedAtNanos = System.nanoTime();
                connectedAfter = after;
                stats.connected.incrementAndGet();
                return true;
            } catch (CompletionException e) {
                if (e.getCause() instanceof WebSocketHandshakeException h && h.getResponse().statusCode() == 401) {
                    stats.error("WS_UNAUTHORIZED");
                    Session refreshed = swarm.refresh(session, swarm.target(targetIndex));
                    if (refreshed != null) {
                        session = refreshed;
                    }
                } else {
                    stats.error(connectFailure(e.getCause()));
                    targetIndex++; // resume on another node, as a client may
                }
            }
            Thread.sleep(backoff);
            backoff = Math.min(backoff * 2, 5000);
        }
        return false;
    }

    /** A failed WebSocket open by what failed: the TCP connect, the upgrade refused with a status, or the whole opening timed out. */
    static String connectFailure(Throwable cause) {
        return switch (cause) {
            case WebSocketHandshakeException h -> "WS_UPGRADE_HTTP_" + h.getResponse().statusCode();
            case HttpConnectTimeoutException t -> "WS_CONNECT_TIMEOUT";
            case HttpTimeoutException t -> "WS_OPEN_TIMEOUT";
            case ConnectException c -> "WS_CONNECT_REFUSED";
            case null, default -> "WS_CONNECT_FAILED";
        };
    }

    private boolean send(ObjectNode frame) {
        if (!open) {
            return false;
        }
        try {
            socket.sendText(frame.toString(), true).join();
            return true;
        } catch (CompletionException | IllegalStateException e) {
            socketLost("SEND_FAILED"); // the caller's loop reconnects
            return false;
        }
    }

    /** The socket is gone: what still arrives on it is not processed. */
    private void socketLost(String code) {
        if (open) {
            open = false;
            stats.connected.decrementAndGet();
            stats.error(code);
        }
        generation++;
        if (socket != null) {
            socket.abort();
        }
    }

    private void closeSocket() {
        if (socket != null && open) {
            open = false;
            stats.connected.decrementAndGet();
            generation++; // frames still arriving on the old socket are not processed
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            socket.abort();
        }
    }

    private String nextId(String kind) {
        return kind + index + "-" + (++frameIds);
    }

    private final class Listener implements WebSocket.Listener {
        private final int generation;
        private final StringBuilder partial = new StringBuilder();

        Listener(int generation) {
            this.generation = generation;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                inbox.add(new Inbound(generation, partial.toString(), null));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inbox.add(new Inbound(generation, null, Integer.toString(statusCode)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            inbox.add(new Inbound(generation, null, "ERROR"));
        }
    }
}
