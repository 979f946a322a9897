package io.ludus.tools.ops;

import java.util.List;

/** What `ops groups` and `ops group` show about one group. Epochs are null for classic groups. */
public record GroupView(String group, Protocol protocol, String state, Integer groupEpoch, Integer targetAssignmentEpoch,
                        int memberCount, long lag, Long lagMillis, GroupStatus status,
                        List<MemberView> members, List<PartitionLag> partitions) {

    public boolean reconciling() {
        return members.stream().anyMatch(MemberView::reconciling)
                || (groupEpoch != null && targetAssignmentEpoch != null && !groupEpoch.equals(targetAssignmentEpoch));
    }
}
