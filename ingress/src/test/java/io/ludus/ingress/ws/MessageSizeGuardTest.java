package io.ludus.ingress.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageSizeGuardTest {

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new WebSocketMessageLimit.MessageSizeGuard(100));
    }

    private static ContinuationWebSocketFrame continuation(int bytes, boolean last) {
        return new ContinuationWebSocketFrame(last, 0, Unpooled.wrappedBuffer(new byte[bytes]));
    }

    private static TextWebSocketFrame text(int bytes, boolean last) {
        return new TextWebSocketFrame(last, 0, Unpooled.wrappedBuffer(new byte[bytes]));
    }

    @Test
    void passesMessagesWithinTheLimitAndCountsEachMessageAfresh() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(text(60, false), continuation(40, true), text(100, true));
        assertThat(channel.inboundMessages()).hasSize(3);
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void closesWith1009WhenFragmentsExceedTheLimit() throws InterruptedException {
        EmbeddedChannel channel = channel();
        channel.writeInbound(text(60, false), continuation(41, false));

        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1009);
        close.release();
        // open a moment longer, so a reset caused by unread fragments cannot destroy the close frame in flight
        assertThat(channel.isOpen()).isTrue();
        Thread.sleep(WebSocketMessageLimit.CLOSE_GRACE_MILLIS + 100);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.inboundMessages()).hasSize(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void pingsBetweenFragmentsDoNotResetTheCount() {
        EmbeddedChannel channel = channel();
        channel.writeInbound(text(60, false), new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[1])), continuation(41, true));

        WebSocketFrame close = channel.readOutbound();
        assertThat(close).isInstanceOf(CloseWebSocketFrame.class);
        close.release();
        channel.finishAndReleaseAll();
    }
}
