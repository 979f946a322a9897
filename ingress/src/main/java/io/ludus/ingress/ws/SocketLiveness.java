package io.ludus.ingress.ws;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

import java.nio.channels.ClosedChannelException;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One per connection, on its event loop, so it costs a timer and a few fields per socket. Once the
 * upgrade response has gone out: pings every ping-interval; closes a socket that sent nothing for
 * ping-interval + pong-timeout (4001) or no text for idle-timeout (4002); drops a socket whose
 * outbound queue passed the write-buffer high-water mark (max-outbound-bytes) at once, discarding the
 * queue (4003: it would never reach a client that does not read); and after any close frame, drops
 * the connection close-grace later even if the client never answers.
 * <p>
 * After the server's close frame the connection stays open until the client's close frame arrives (or
 * close-grace passes), reading and discarding what the client still sends, and nothing more goes out.
 * Closing at once, with frames of a client that keeps sending still unread, makes the kernel answer with
 * a reset, which can destroy the replies and the close frame before the client reads them.
 */
final class SocketLiveness extends ChannelDuplexHandler {

    static final String HANDLER_NAME = "ludus-websocket-liveness";

    private final SocketProperties properties;
    private final Sockets sockets;
    private boolean upgraded;
    private boolean closing;
    /** The server's close frame went out: wait for the client's before closing the connection. */
    private boolean closeFrameSent;
    private boolean clientClosed;
    private long lastReadNanos;
    private long lastTextNanos;
    private ScheduledFuture<?> ticker;

    SocketLiveness(SocketProperties properties, Sockets sockets) {
        this.properties = properties;
        this.sockets = sockets;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!upgraded && msg instanceof HttpResponse response && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            super.write(ctx, msg, promise);
            started(ctx);
            return;
        }
        if (closeFrameSent && msg instanceof WebSocketFrame) {
            // nothing may follow a close frame (RFC 6455 5.5.1): later replies, notifications, a second close
            ReferenceCountUtil.release(msg);
            promise.setFailure(new ClosedChannelException());
            return;
        }
        if (msg instanceof CloseWebSocketFrame) {
            closeFrameSent = true;
            if (!closing) {
                closing = true;
                dropLater(ctx);
            }
        }
        super.write(ctx, msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        if (closeFrameSent && !clientClosed && ctx.channel().isActive()) {
            // held until the client answers or close-grace passes (dropLater); either closes the channel
            ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
            return;
        }
        super.close(ctx, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof CloseWebSocketFrame) {
            clientClosed = true;
        } else if (closeFrameSent && msg instanceof WebSocketFrame) {
            // read and dropped: the socket is closing, and unread input would turn the close into a reset
            ReferenceCountUtil.release(msg);
            return;
        }
        if (upgraded && msg instanceof WebSocketFrame) {
            long now = System.nanoTime();
            lastReadNanos = now;
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
                lastTextNanos = now;
            }
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (upgraded && !closing && !ctx.channel().isWritable()) {
            closing = true;
            sockets.counted(CloseCode.SLOW_CONSUMER);
            ctx.close();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (ticker != null) {
            ticker.cancel(false);
        }
        super.channelInactive(ctx);
    }

    private void started(ChannelHandlerContext ctx) {
        upgraded = true;
        lastReadNanos = lastTextNanos = System.nanoTime();
        long interval = properties.pingInterval().toNanos();
        ticker = ctx.executor().scheduleAtFixedRate(() -> tick(ctx), interval, interval, TimeUnit.NANOSECONDS);
    }

    private void tick(ChannelHandlerContext ctx) {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastReadNanos > properties.pingInterval().toNanos() + properties.pongTimeout().toNanos()) {
            closeWith(ctx, CloseCode.PING_TIMEOUT, "no pong in time");
        } else if (now - lastTextNanos > properties.idleTimeout().toNanos()) {
            closeWith(ctx, CloseCode.IDLE_TIMEOUT, "idle for too long");
        } else {
            ctx.writeAndFlush(new PingWebSocketFrame());
        }
    }

    private void closeWith(ChannelHandlerContext ctx, CloseCode code, String reason) {
        closing = true;
        closeFrameSent = true;
        sockets.counted(code);
        ctx.writeAndFlush(new CloseWebSocketFrame(code.code(), reason));
        dropLater(ctx);
    }

    private void dropLater(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            ctx.close();
        }, properties.closeGrace().toNanos(), TimeUnit.NANOSECONDS);
    }
}
