package io.ludus.tools.ops;

import java.util.Collection;
import java.util.List;

/**
 * Burrow's evaluation rules over a window of samples (oldest first), adapted to what the Admin API shows: it gives
 * no commit timestamps, so "the consumer stopped committing" (Burrow's STOP) is read from membership instead.
 * Rules, first match wins:
 * <ol>
 *   <li>a committed offset lower than the one before it: REWIND;</li>
 *   <li>any sample with zero lag: OK;</li>
 *   <li>lag and no members: STOP;</li>
 *   <li>two or more samples and the committed offset never moved: STALL;</li>
 *   <li>two or more samples and the lag never shrank between consecutive samples: WARN;</li>
 *   <li>otherwise OK (one sample shows no trend).</li>
 * </ol>
 */
public final class StatusRules {

    private StatusRules() {}

    public static GroupStatus evaluate(List<LagSample> window, boolean hasMembers) {
        if (window.isEmpty()) {
            throw new IllegalArgumentException("a window needs at least one sample");
        }
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).committed() < window.get(i - 1).committed()) {
                return GroupStatus.REWIND;
            }
        }
        if (window.stream().anyMatch(s -> s.lag() == 0)) {
            return GroupStatus.OK;
        }
        if (!hasMembers) {
            return GroupStatus.STOP;
        }
        if (window.size() < 2) {
            return GroupStatus.OK;
        }
        if (window.getFirst().committed() == window.getLast().committed()) {
            return GroupStatus.STALL;
        }
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).lag() < window.get(i - 1).lag()) {
                return GroupStatus.OK;
            }
        }
        return GroupStatus.WARN;
    }

    public static GroupStatus worst(Collection<GroupStatus> statuses) {
        return statuses.stream().max(Enum::compareTo).orElse(GroupStatus.OK);
    }
}
