package io.ludus.tools.ops;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusRulesTest {

    private static LagSample s(long committed, long lag) {
        return new LagSample(committed, lag);
    }

    @Test
    void okWhenAnySampleHasZeroLag() {
        assertThat(StatusRules.evaluate(List.of(s(10, 5), s(10, 0), s(10, 7)), true)).isEqualTo(GroupStatus.OK);
    }

    @Test
    void okWhenLagShrinksWhileCommitting() {
        assertThat(StatusRules.evaluate(List.of(s(10, 50), s(40, 30), s(60, 35)), true)).isEqualTo(GroupStatus.OK);
    }

    @Test
    void warnWhenCommittingButLagNeverShrinks() {
        assertThat(StatusRules.evaluate(List.of(s(10, 50), s(20, 50), s(30, 70)), true)).isEqualTo(GroupStatus.WARN);
    }

    @Test
    void stallWhenMembersDoNotMoveTheOffsetAndLagWaits() {
        assertThat(StatusRules.evaluate(List.of(s(10, 5), s(10, 5), s(10, 9)), true)).isEqualTo(GroupStatus.STALL);
    }

    @Test
    void stopWhenLagWaitsAndNoMemberConsumes() {
        assertThat(StatusRules.evaluate(List.of(s(10, 5), s(10, 5)), false)).isEqualTo(GroupStatus.STOP);
        assertThat(StatusRules.evaluate(List.of(s(10, 5)), false)).isEqualTo(GroupStatus.STOP);
    }

    @Test
    void emptyGroupWithoutLagIsOk() {
        assertThat(StatusRules.evaluate(List.of(s(10, 0), s(10, 0)), false)).isEqualTo(GroupStatus.OK);
    }

    @Test
    void rewindWhenTheCommittedOffsetGoesBackEvenIfCaughtUp() {
        assertThat(StatusRules.evaluate(List.of(s(100, 0), s(40, 60), s(45, 55)), true)).isEqualTo(GroupStatus.REWIND);
    }

    @Test
    void singleSampleWithMembersCannotShowATrend() {
        assertThat(StatusRules.evaluate(List.of(s(10, 5)), true)).isEqualTo(GroupStatus.OK);
    }

    @Test
    void groupTakesItsWorstPartition() {
        assertThat(StatusRules.worst(List.of(GroupStatus.OK, GroupStatus.STALL, GroupStatus.WARN))).isEqualTo(GroupStatus.STALL);
        assertThat(StatusRules.worst(List.of())).isEqualTo(GroupStatus.OK);
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> StatusRules.evaluate(List.of(), true)).isInstanceOf(IllegalArgumentException.class);
    }
}
