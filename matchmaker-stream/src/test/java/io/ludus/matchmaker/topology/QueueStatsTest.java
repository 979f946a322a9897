package io.ludus.matchmaker.topology;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class QueueStatsTest {

    @Test
    void percentilesAreNearestRankOverTheRecentWaits() {
        QueueStats stats = QueueStats.empty("q").with(0, LongStream.rangeClosed(1, 100).toArray(), 50);

        assertThat(stats.p50WaitMillis()).isEqualTo(50);
        assertThat(stats.p95WaitMillis()).isEqualTo(95);
        assertThat(stats.matchesFormed()).isEqualTo(50);
    }

    @Test
    void aQueueWithNoMatchYetHasNoWaitEstimate() {
        QueueStats stats = QueueStats.empty("q").with(3, new long[0], 0);

        assertThat(stats.p50WaitMillis()).isEqualTo(-1);
        assertThat(stats.p95WaitMillis()).isEqualTo(-1);
    }

    @Test
    void matchesFormedAccumulateAcrossPassesWhileWaitsStayBounded() {
        QueueStats stats = QueueStats.empty("q");
        for (int pass = 0; pass < 100; pass++) {
            stats = stats.with(0, new long[] {pass, pass}, 1);
        }

        assertThat(stats.matchesFormed()).isEqualTo(100);
        assertThat(stats.recentWaitsMillis()).hasSize(QueueStats.RECENT_WAITS);
    }

    @Test
    void roundTripsThroughTheStoreSerde() {
        QueueStats stats = QueueStats.empty("ranked-1v1").with(4, new long[] {10, 20}, 7);

        byte[] bytes = InternalSerdes.STATS.serializer().serialize("t", stats);

        assertThat(InternalSerdes.STATS.deserializer().deserialize("t", bytes)).isEqualTo(stats);
    }

    @Test
    void readsAnEntryWrittenBeforeTheMatchCounterAsNoneFormed() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream v1 = new DataOutputStream(bytes)) {
            v1.writeByte(1);
            v1.writeUTF("ranked-1v1");
            v1.writeInt(2);
            v1.writeShort(1);
            v1.writeLong(1_500);
        }

        QueueStats read = InternalSerdes.STATS.deserializer().deserialize("t", bytes.toByteArray());

        assertThat(read.depth()).isEqualTo(2);
        assertThat(read.recentWaitsMillis()).containsExactly(1_500);
        assertThat(read.matchesFormed()).isZero();
    }
}
