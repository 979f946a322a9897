package io.ludus.ingress.queue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The JSON shapes of the queue frames, as sent (every field may be missing; {@link QueueCommands} checks). */
final class QueueFrames {

    private QueueFrames() {}

    @Serdeable
    record Join(@Nullable String queue, @Nullable Integer spread, @Nullable Team team) {}

    @Serdeable
    record Leave(@Nullable String queue) {}

    @Serdeable
    record Team(@Nullable List<Unit> units) {}

    @Serdeable
    record Unit(@JsonProperty("class") @Nullable String classId, @Nullable List<String> abilities, @Nullable Tactics tactics) {}

    @Serdeable
    record Tactics(@Nullable List<AbilityRule> abilityPriority, @Nullable List<TargetRule> focus) {}

    @Serdeable
    record AbilityRule(@Nullable String ability, @Nullable TargetRule target) {}

    /** {@code filter} defaults to "any" and {@code percent} to 0. */
    @Serdeable
    record TargetRule(@Nullable String side, @Nullable String filter, @Nullable Integer percent, @Nullable String order) {}
}
