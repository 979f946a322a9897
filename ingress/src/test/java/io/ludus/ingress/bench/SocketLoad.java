package io.ludus.ingress.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator of {@link IngressBenchmark}, in its own JVM so that the node's heap holds only the
 * server side of each socket. Reads commands on stdin, answers one line each on stdout:
 * {@code open N} (opens sockets up to N), {@code latency} (notification latencies seen since the last call),
 * {@code acks CONNECTIONS SECONDS WINDOW} (queue.leave commands, WINDOW in flight per connection).
 */
public final class SocketLoad {

    private static final int SOCKETS_PER_ADDRESS = 20_000;

    private final URI uri;
    private final List<String> tokens;
    private final List<HttpClient> clients = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final LatencyLog notifications = new LatencyLog();

    private SocketLoad(URI uri, List<String> tokens) {
        this.uri = uri;
        this.tokens = tokens;
    }

    public static void main(String[] args) throws Exception {
        SocketLoad load = new SocketLoad(URI.create(args[0]), Files.readAllLines(Path.of(args[1])));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] command = line.trim().split(" ");
            String answer = switch (command[0]) {
                case "open" -> load.open(Integer.parseInt(command[1]));
                case "latency" -> load.notifications.drain().summary();
                case "acks" -> load.acks(Integer.parseInt(command[1]), Integer.parseInt(command[2]), Integer.parseInt(command[3]));
                case "quit" -> null;
                default -> "unknown command " + line;
            };
            if (answer == null) {
                break;
            }
            System.out.println(answer);
            System.out.flush();
        }
        System.exit(0);
    }

    private HttpClient client(int socket) throws Exception {
        int index = socket / SOCKETS_PER_ADDRESS;
        while (clients.size() <= index) {
            // one source address per 20,000 sockets: the ephemeral port range of one address is ~28,000
            clients.add(HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0." + (clients.size() + 2))).build());
        }
        return clients.get(index);
    }

    private String open(int count) throws Exception {
        long start = System.nanoTime();
        Semaphore handshakes = new Semaphore(256);
        List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        for (int i = sockets.size(); i < count; i++) {
            Socket socket = new Socket();
            sockets.add(socket);
            handshakes.acquire();
            CompletableFuture<WebSocket> opened = client(i).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + tokens.get(i)).buildAsync(uri, socket)
                    .whenComplete((ws, error) -> {
                        handshakes.release();
                        if (error != null) {
                            failed.incrementAndGet();
                        } else {
                            socket.ws = ws;
                        }
                    });
            pending.add(opened);
        }
        for (CompletableFuture<WebSocket> opened : pending) {
            try {
                opened.join();
            } catch (RuntimeException e) {
                // counted above
            }
        }
        return "opened " + sockets.size() + " failed " + failed.get() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms";
    }

    private String acks(int connections, int seconds, int window) throws InterruptedException {
        LatencyLog acks = new LatencyLog();
        AtomicLong ids = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        List<Socket> used = sockets.subList(0, connections);
        for (Socket socket : used) {
            socket.acks = acks;
            socket.sendUntil = end;
            socket.ids = ids;
            for (int i = 0; i < window; i++) {
                socket.sendCommand();
            }
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds) + 5_000);
        for (Socket socket : used) {
            socket.acks = null;
        }
        LatencyLog.Summary summary = acks.drain();
        return summary.summary() + " acks/s " + Math.round(summary.count() / ((end - start) / 1e9));
    }

    private final class Socket implements WebSocket.Listener {
        volatile WebSocket ws;
        volatile LatencyLog acks;
        volatile long sendUntil;
        volatile AtomicLong ids;
        final ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();

        void sendCommand() {
            String id = "b" + ids.incrementAndGet();
            sentAt.put(id, System.nanoTime());
            synchronized (this) {
                ws.sendText("{\"type\":\"queue.leave\",\"id\":\"" + id + "\",\"queue\":\"ranked-1v1\"}", true).join();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                received(frame);
            }
            webSocket.request(1);
            return null;
        }

        private void received(String frame) {
            if (frame.startsWith("{\"type\":\"notification\"")) {
                int at = frame.indexOf("\"occurredAt\":\"") + 14;
                Instant occurred = Instant.parse(frame.substring(at, frame.indexOf('"', at)));
                Instant now = Instant.now();
                notifications.add(Duration.between(occurred, now).toNanos());
            } else if (frame.startsWith("{\"type\":\"ack\"")) {
                int at = frame.indexOf("\"id\":\"") + 6;
                Long sent = sentAt.remove(frame.substring(at, frame.indexOf('"', at)));
                LatencyLog log = acks;
                if (sent != null && log != null) {
                    log.add(System.nanoTime() - sent);
                    if (System.nanoTime() < sendUntil) {
                        Thread.ofVirtual().start(this::sendCommand);
                    }
                }
            }
        }
    }

    /** Latencies in nanoseconds, appended from many threads. */
    static final class LatencyLog {
        private long[] values = new long[1 << 16];
        private int size;

        synchronized void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        synchronized Summary drain() {
            long[] sorted = Arrays.copyOf(values, size);
            size = 0;
            Arrays.sort(sorted);
            return new Summary(sorted);
        }

        record Summary(long[] sorted) {
            int count() {
                return sorted.length;
            }

            String summary() {
                if (sorted.length == 0) {
                    return "n 0";
                }
                return String.format("n %d p50 %.2f ms p99 %.2f ms max %.2f ms", sorted.length, at(0.50), at(0.99),
                        sorted[sorted.length - 1] / 1e6);
            }

            private double at(double quantile) {
                return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
            }
        }
    }
}
