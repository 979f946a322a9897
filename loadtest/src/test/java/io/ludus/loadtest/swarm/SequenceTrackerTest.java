package io.ludus.loadtest.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    private final SequenceTracker tracker = new SequenceTracker();

    private void deliver(long... seqs) {
        for (long seq : seqs) {
            tracker.accept(seq);
        }
    }

    @Test
    void aGaplessRunIsIntact() {
        deliver(1, 2, 3, 4);
        assertThat(tracker.missed()).isZero();
        assertThat(tracker.duplicates()).isZero();
        assertThat(tracker.outOfOrder()).isZero();
        assertThat(tracker.resumeAfter()).isEqualTo(4);
        assertThat(tracker.received()).isEqualTo(4);
    }

    @Test
    void countsEverySequenceSkippedBelowTheHighest() {
        deliver(1, 2, 5, 6, 9);
        assertThat(tracker.missed()).isEqualTo(4); // 3, 4, 7 and 8; nothing above 9 is known yet
    }

    @Test
    void aRedeliveredSequenceIsADuplicateAndNotProcessedAgain() {
        deliver(1, 2, 3);
        assertThat(tracker.accept(2)).isFalse();
        assertThat(tracker.accept(3)).isFalse();
        assertThat(tracker.duplicates()).isEqualTo(2);
        assertThat(tracker.missed()).isZero();
        assertThat(tracker.resumeAfter()).isEqualTo(3);
    }

    @Test
    void aLateSequenceFillsItsGapButCountsAsOutOfOrder() {
        deliver(1, 3, 2);
        assertThat(tracker.missed()).isZero();
        assertThat(tracker.outOfOrder()).isEqualTo(1);
        assertThat(tracker.duplicates()).isZero();
    }

    @Test
    void aResumeThatStartsAfterTheLastSeqIsSeamless() {
        deliver(1, 2, 3);
        long after = tracker.resumeAfter();
        deliver(after + 1, after + 2);
        assertThat(tracker.missed()).isZero();
        assertThat(tracker.resumeAfter()).isEqualTo(5);
    }

    @Test
    void aResyncCountsWhatItSkipsApartFromMissed() {
        deliver(1, 2);
        assertThat(tracker.skipTo(230)).isEqualTo(228);
        deliver(231);
        assertThat(tracker.missed()).isZero();
        assertThat(tracker.resumeAfter()).isEqualTo(231);
    }

    @Test
    void aResyncToWhatWasAlreadySeenSkipsNothing() {
        deliver(1, 2, 3);
        assertThat(tracker.skipTo(3)).isZero();
        assertThat(tracker.skipTo(1)).isZero();
        assertThat(tracker.resumeAfter()).isEqualTo(3);
    }

    @Test
    void aResyncKeepsAnEarlierGapMissed() {
        deliver(1, 3);
        tracker.skipTo(10);
        assertThat(tracker.missed()).isEqualTo(1);
    }

    @Test
    void refusesASequenceBelowOne() {
        assertThatThrownBy(() -> tracker.accept(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
