package io.ludus.loadtest.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * N bots against one target for a bounded time. Bots start spread over the ramp-up and join queues until the duration
 * ends; then they leave the queues they wait in and get up to {@code resultTimeout} for the results still on their way. Progress goes to {@code progress}
 * every {@link #PROGRESS_EVERY}.
 */
public final class Swarm {

    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final List<TargetPolicy.Target> targets;
    private final SwarmSettings settings;
    private final SwarmStats stats = new SwarmStats();
    private final AtomicReferenceArray<String> players;
    private final AtomicBoolean replayVerificationClaimed = new AtomicBoolean();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpClient[] webSockets;
    private final String runId;
    private final boolean sourceAddresses;
    private final boolean offlineLogin;
    private volatile boolean stopped;
    private long startNanos;
    private long joinEndNanos;
    private long drainEndNanos;

    Swarm(List<TargetPolicy.Target> targets, SwarmSettings settings, boolean offlineLogin) {
        this.targets = List.copyOf(targets);
        this.offlineLogin = offlineLogin;
        this.settings = settings;
        this.players = new AtomicReferenceArray<>(settings.bots());
        // a few clients share the sockets: each client has one selector thread
        this.webSockets = new HttpClient[Math.max(1, Math.min(4, settings.bots() / 250 + 1))];
        for (int i = 0; i < webSockets.length; i++) {
            webSockets[i] = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        this.runId = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
        this.sourceAddresses = targets.stream().allMatch(t -> t.loopback() && ipv4(t.http().getHost()));
    }

    /** Runs the swarm to its end and returns the report. */
    SwarmReport run(PrintWriter progress) throws InterruptedException {
        startNanos = System.nanoTime();
        joinEndNanos = startNanos + settings.duration().toNanos();
        drainEndNanos = joinEndNanos + settings.resultTimeout().toNanos() + Bot.LEAVE_WAIT.toNanos();
        Thread printer = Thread.ofPlatform().daemon().name("swarm-progress").start(() -> printProgress(progress));
        Thread[] bots = new Thread[settings.bots()];
        long rampNanos = settings.rampUp().toNanos();
        for (int i = 0; i < bots.length; i++) {
            long startAt = startNanos + (bots.length == 1 ? 0 : rampNanos * i / bots.length);
            long wait = startAt - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            bots[i] = Thread.ofVirtual().name("bot-" + i).start(new Bot(i, this));
        }
        // the sustained rate counts only the matches between the end of the ramp-up and the end of joining
        long steadyFromNanos = Math.max(System.nanoTime(), startNanos + rampNanos);
        TimeUnit.NANOSECONDS.sleep(Math.max(0, steadyFromNanos - System.nanoTime()));
        int steadyFrom = stats.matchesWithResult.size();
        TimeUnit.NANOSECONDS.sleep(Math.max(0, joinEndNanos - System.nanoTime()));
        int steadyTo = stats.matchesWithResult.size();
        double steadySeconds = (System.nanoTime() - steadyFromNanos) / 1e9;
        for (Thread bot : bots) {
            long left = drainEndNanos + TimeUnit.SECONDS.toNanos(15) - System.nanoTime();
            if (!bot.join(Duration.ofNanos(Math.max(left, 1)))) {
                stopped = true;
            }
        }
        stopped = true;
        for (Thread bot : bots) {
            bot.join(Duration.ofSeconds(5));
        }
        printer.interrupt();
        double seconds = (Math.min(System.nanoTime(), joinEndNanos) - startNanos) / 1e9;
        for (HttpClient c : webSockets) {
            c.shutdownNow();
        }
        http.shutdownNow();
        double sustained = steadySeconds > 0 ? (steadyTo - steadyFrom) / steadySeconds : 0;
        String target = String.join(" ", targets.stream().map(t -> t.http().toString()).toList());
        return SwarmReport.of(target, settings.bots(), seconds, sustained, steadyFromNanos, stats);
    }

    private void printProgress(PrintWriter out) {
        long lastMatches = 0;
        long lastNanos = System.nanoTime();
        try {
            while (!stopped) {
                Thread.sleep(PROGRESS_EVERY);
                long now = System.nanoTime();
                long matches = stats.matchesWithResult.size();
                double rate = (matches - lastMatches) / ((now - lastNanos) / 1e9);
                out.printf(Locale.ROOT, "swarm %4ds  connected %d/%d  matches %d (%.1f/s)  errors %d%n",
                        TimeUnit.NANOSECONDS.toSeconds(now - startNanos), stats.connected.get(), settings.bots(), matches,
                        rate, stats.errorCount());
                out.flush();
                lastMatches = matches;
                lastNanos = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Logs bot {@code index} in: offline, or as a fresh password account. On an IPv4 loopback target each bot
     * speaks from its own 127.x address, as separate clients would (the login rate limit is per client address).
     * Returns null when the run ended first.
     */
    Session login(int index) throws InterruptedException {
        String name = "sw" + runId + "-" + index;
        ObjectNode body = Frames.JSON.createObjectNode().put("name", name);
        String route = "/v1/auth/offline";
        if (!offlineLogin) {
            body.put("password", "swarm-" + runId + "-" + index + "-pw");
            route = "/v1/auth/register";
        }
        HttpClient client = sourceAddresses ? clientFrom(index) : http;
        try {
            long backoff = 500;
            while (running()) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(target(index).http().resolve(route))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 || r.statusCode() == 201) {
                        return session(r.body());
                    }
                    String code = code(r);
                    stats.error("LOGIN_" + code);
                    if (r.statusCode() == 429) {
                        backoff = Math.max(backoff, 1000 * r.headers().firstValueAsLong("Retry-After").orElse(1));
                    } else if (r.statusCode() != 503) {
                        return null; // refused for good (a disabled mode, a bad name): retrying changes nothing
                    }
                } catch (IOException e) {
                    stats.error("LOGIN_IO");
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
            return null;
        } finally {
            if (client != http) {
                client.close();
            }
        }
    }

    /** A new token pair for an expired access token; null if the refresh failed (counted). */
    Session refresh(Session session, TargetPolicy.Target target) throws InterruptedException {
        ObjectNode body = Frames.JSON.createObjectNode().put("refreshToken", session.refreshToken());
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(target.http().resolve("/v1/auth/refresh"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return session(r.body());
            }
            stats.error("REFRESH_" + code(r));
        } catch (IOException e) {
            stats.error("REFRESH_IO");
        }
        return null;
    }

    private static Session session(String body) throws IOException {
        JsonNode json = Frames.JSON.readTree(body);
        return new Session(json.path("playerId").asText(), json.path("accessToken").asText(), json.path("refreshToken").asText());
    }

    private static String code(HttpResponse<String> r) {
        try {
            return Frames.JSON.readTree(r.body()).path("code").asText("HTTP_" + r.statusCode());
        } catch (IOException e) {
            return "HTTP_" + r.statusCode();
        }
    }

    private HttpClient clientFrom(int index) {
        try {
            InetAddress source = InetAddress.getByAddress(new byte[] {127, 77, (byte) (index / 250), (byte) (index % 250 + 1)});
            return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).localAddress(source).build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4-byte address is always valid", e);
        }
    }

    private static boolean ipv4(String host) {
        try {
            return InetAddress.getByName(host) instanceof Inet4Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    void registerPlayer(int index, String playerId) {
        players.set(index, playerId);
    }

    /** A logged-in bot other than {@code index}, or null if none is yet. */
    String randomOtherPlayer(int index, SplittableRandom random) {
        for (int attempt = 0; attempt < 8; attempt++) {
            int other = random.nextInt(players.length());
            String id = players.get(other);
            if (other != index && id != null) {
                return id;
            }
        }
        return null;
    }

    boolean claimReplayVerification() {
        return replayVerificationClaimed.compareAndSet(false, true);
    }

    boolean joining() {
        return !stopped && System.nanoTime() < joinEndNanos;
    }

    boolean running() {
        return !stopped && System.nanoTime() < drainEndNanos;
    }

    SwarmStats stats() {
        return stats;
    }

    SwarmSettings settings() {
        return settings;
    }

    /** The {@code n}th target, round robin: bot i starts on target i and moves on when it cannot connect. */
    TargetPolicy.Target target(int n) {
        return targets.get(Math.floorMod(n, targets.size()));
    }

    HttpClient http() {
        return http;
    }

    HttpClient webSockets() {
        return webSockets[ThreadLocalRandom.current().nextInt(webSockets.length)];
    }
}
