package io.ludus.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.SplitMix64;
import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import io.ludus.sim.content.ContentPacks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A game client as the tests need it: offline login, then JSON frames over the WebSocket. */
final class LudusTestClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LudusTestClient() {}

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode loginOffline(URI http, String name) throws IOException, InterruptedException {
        // generous: the first login after start-up on a loaded machine can take a while
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(http.resolve("/v1/auth/offline"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("offline login answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static Socket connect(URI ws, String accessToken) {
        Socket socket = new Socket();
        HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer " + accessToken)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(ws, socket).join();
        return socket;
    }

    /** A socket that resumes after notification {@code after} (0: everything kept for this player). */
    static Socket connect(URI ws, String accessToken, long after) {
        return connect(URI.create(ws + (ws.getQuery() == null ? "?" : "&") + "after=" + after), accessToken);
    }

    /** GET with the player's token; the body as JSON, failing on any status but 200. */
    static JsonNode getJson(URI uri, String accessToken) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static HttpResponse<byte[]> getBytes(URI uri, String accessToken) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A {@code queue.join} frame with a valid random team of three from the bundled content. */
    static ObjectNode queueJoin(String id, String queue, long seed) {
        return queueJoin(id, queue, seed, 3);
    }

    /** A {@code queue.join} frame with a valid random team of {@code units} units. */
    static ObjectNode queueJoin(String id, String queue, long seed, int unitCount) {
        TeamLoadout team = new RandomLoadouts(ContentPacks.bundled()).team(new SplitMix64(seed), "ignored", unitCount);
        ObjectNode frame = JSON.createObjectNode().put("type", "queue.join").put("id", id).put("queue", queue).put("spread", 100);
        ArrayNode units = frame.putObject("team").putArray("units");
        for (UnitLoadout u : team.units()) {
            ObjectNode unit = units.addObject().put("class", u.classId());
            u.abilityIds().forEach(unit.putArray("abilities")::add);
            ObjectNode tactics = unit.putObject("tactics");
            ArrayNode priority = tactics.putArray("abilityPriority");
            for (Tactics.AbilityRule rule : u.tactics().abilityPriority()) {
                rule(priority.addObject().put("ability", rule.abilityId()).putObject("target"), rule.target());
            }
            ArrayNode focus = tactics.putArray("focus");
            u.tactics().focus().forEach(t -> rule(focus.addObject(), t));
        }
        return frame;
    }

    private static void rule(ObjectNode node, Tactics.TargetRule t) {
        node.put("side", t.side().name().toLowerCase(Locale.ROOT))
                .put("filter", t.filter().name().toLowerCase(Locale.ROOT))
                .put("percent", t.percent())
                .put("order", t.order().name().toLowerCase(Locale.ROOT));
    }

    static final class Socket implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        /** Server-pushed notifications, in arrival order, kept while replies are awaited. */
        private final java.util.List<JsonNode> notifications = new java.util.ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket ws;

        @Override
        public void onOpen(WebSocket webSocket) {
            ws = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new AssertionError("server sent a frame that is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void send(JsonNode frame) {
            ws.sendText(frame.toString(), true).join();
        }

        /** The next frame that answers {@code id}, skipping server-pushed events. */
        JsonNode awaitReply(String id, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode frame = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("no reply to frame " + id + " within " + timeout);
                }
                if (isNotification(frame)) {
                    notifications.add(frame);
                } else if (id.equals(frame.path("id").asText(null))) {
                    return frame;
                }
            }
        }

        private static boolean isNotification(JsonNode frame) {
            return "notification".equals(frame.path("type").asText());
        }

        /** Waits until a notification of kind {@code event} arrived; returns every notification so far, in order. */
        java.util.List<JsonNode> awaitNotification(String event, java.util.function.Predicate<JsonNode> data, Duration timeout)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (notifications.stream().noneMatch(n -> event.equals(n.path("event").asText()) && data.test(n.path("data")))) {
                long left = deadline - System.nanoTime();
                JsonNode frame = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("no " + event + " notification within " + timeout + "; got " + notifications);
                }
                if (isNotification(frame)) {
                    notifications.add(frame);
                } else if (frame.path("type").asText().equals("error")) {
                    throw new AssertionError("server error while waiting for " + event + ": " + frame);
                }
            }
            return java.util.List.copyOf(notifications);
        }

        /**
         * Waits until a {@code event} notification that {@code data} accepts, or a CommandRejected that
         * {@code rejected} accepts, arrived; returns every notification so far, in order.
         */
        java.util.List<JsonNode> awaitNotification(String event, java.util.function.Predicate<JsonNode> data,
                java.util.function.Predicate<JsonNode> rejected, Duration timeout) throws InterruptedException {
            java.util.function.Predicate<JsonNode> done = n -> event.equals(n.path("event").asText()) && data.test(n.path("data"))
                    || "CommandRejected".equals(n.path("event").asText()) && rejected.test(n.path("data"));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (notifications.stream().noneMatch(done)) {
                long left = deadline - System.nanoTime();
                JsonNode frame = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    throw new AssertionError("no " + event + " or rejection within " + timeout + "; got " + notifications);
                }
                if (isNotification(frame)) {
                    notifications.add(frame);
                }
            }
            return java.util.List.copyOf(notifications);
        }

        java.util.List<JsonNode> notifications() {
            return java.util.List.copyOf(notifications);
        }

        void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }
}
