package io.ludus.ingress.ws;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client that queues every text message it receives. */
public final class TestSocket implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private WebSocket socket;

    public static WebSocket.Builder builder() {
        return CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    }

    public static TestSocket open(URI uri, String accessToken) {
        return open(uri, builder().header("Authorization", "Bearer " + accessToken));
    }

    public static TestSocket open(URI uri, WebSocket.Builder builder) {
        TestSocket listener = new TestSocket();
        listener.socket = builder.buildAsync(uri, listener).orTimeout(20, TimeUnit.SECONDS).join();
        return listener;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
    }

    /** The close code the server sent (-1 if the connection broke instead); fails the test after 30 s. */
    public int awaitClose() {
        return closeCode.orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Sends {@code text} as one message split into {@code fragments} frames, stopping if the server closes. */
    public void sendFragmented(String text, int fragments) {
        int size = text.length() / fragments;
        for (int i = 0; i < fragments; i++) {
            boolean last = i == fragments - 1;
            String part = last ? text.substring(i * size) : text.substring(i * size, (i + 1) * size);
            try {
                socket.sendText(part, last).orTimeout(20, TimeUnit.SECONDS).join();
            } catch (CompletionException e) {
                // The server may close before the last fragment; awaitClose() tells how it closed.
                return;
            }
        }
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(20, TimeUnit.SECONDS).join();
    }

    /** The next frame from the server, parsed; fails the test after 30 s. */
    public Map<String, Object> next() throws InterruptedException {
        String frame = received.poll(30, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the server within 30 s");
        }
        try {
            return JSON.readValue(frame, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("server sent a frame that is not JSON: " + frame, e);
        }
    }

    /** The next frame from the server, parsed, or null if none arrives within {@code wait}. */
    public Map<String, Object> nextWithin(Duration wait) throws InterruptedException {
        String frame = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            return null;
        }
        try {
            return JSON.readValue(frame, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("server sent a frame that is not JSON: " + frame, e);
        }
    }

    /** Sends {@code text} and returns the server's reply. */
    public Map<String, Object> exchange(String text) throws InterruptedException {
        send(text);
        return next();
    }

    public boolean isOpen() {
        return !closeCode.isDone() && !socket.isInputClosed() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        socket.abort();
    }
}
