package io.ludus.ingress.ws;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;

/**
 * Netty limits single frames, but Micronaut joins continuation frames into one message without
 * any limit, and clients do fragment (the JDK client sends 16 KiB frames). This handler counts a
 * message across its fragments and closes the socket with 1009 once it exceeds
 * {@link CommandSocket#HARD_FRAME_LIMIT}, so no message can grow beyond it in memory.
 */
@Singleton
final class WebSocketMessageLimit implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    static final String HANDLER_NAME = "ludus-websocket-message-limit";

    static final long CLOSE_GRACE_MILLIS = 1_000;

    private final SocketProperties properties;
    private final Sockets sockets;

    WebSocketMessageLimit(SocketProperties properties, Sockets sockets) {
        this.properties = properties;
        this.sockets = sockets;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null, properties, sockets));
        return event.getBean();
    }

    /** Also installs {@link SocketLiveness} and bounds the channel's outbound buffer at max-outbound-bytes. */
    private record Customizer(Channel channel, SocketProperties properties, Sockets sockets) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return new Customizer(channel, properties, sockets);
        }

        @Override
        public void onStreamPipelineBuilt() {
            // The WebSocket decoder replaces the HTTP/1.1 codec on upgrade, so this lands right behind it.
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(HANDLER_NAME) == null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER_NAME,
                        new MessageSizeGuard(CommandSocket.HARD_FRAME_LIMIT));
                channel.pipeline().addAfter(HANDLER_NAME, SocketLiveness.HANDLER_NAME, new SocketLiveness(properties, sockets));
                int high = properties.maxOutboundBytes();
                channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(high / 2, high));
            }
        }
    }

    static final class MessageSizeGuard extends ChannelInboundHandlerAdapter {

        private final long limit;
        private long messageBytes;
        private boolean closing;

        MessageSizeGuard(long limit) {
            this.limit = limit;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean starts = msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame;
            if (!starts && !(msg instanceof ContinuationWebSocketFrame)) {
                // Control frames (ping, pong, close) may come between fragments and do not count.
                ctx.fireChannelRead(msg);
                return;
            }
            if (closing) {
                ReferenceCountUtil.release(msg);
                return;
            }
            int bytes = ((WebSocketFrame) msg).content().readableBytes();
            messageBytes = starts ? bytes : messageBytes + bytes;
            if (messageBytes > limit) {
                closing = true;
                ReferenceCountUtil.release(msg);
                // closed a moment after the close frame, not at once: closing while the client's remaining fragments
                // sit unread makes the kernel reset the connection, and the reset can destroy the close frame in flight
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                        "messages may be at most " + limit + " bytes")).addListener(sent ->
                        ctx.executor().schedule(() -> ctx.close(), CLOSE_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS));
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
