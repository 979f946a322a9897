package io.ludus.tools.ops;

import java.util.List;

/**
 * A member with its current and target assignment ("topic-partition" for consumers, "subtopology_partition"
 * task ids for Streams). Classic members have no target and never show as reconciling.
 */
public record MemberView(String memberId, String instanceId, String clientId, String host, Integer memberEpoch,
                         List<String> assigned, List<String> target, boolean reconciling) {}
