package io.ludus.projections.social.friendship;

import java.util.List;

/** The decider's answer to one command. */
public sealed interface Decision {

    /** The command holds: these facts happened, in order. */
    record Applied(List<SocialFact> facts) implements Decision {
        public Applied {
            facts = List.copyOf(facts);
            if (facts.isEmpty()) {
                throw new IllegalArgumentException("an applied command has at least one fact");
            }
        }
    }

    /** The command breaks a rule; the sender is told why and nothing changes. */
    record Refused(Refusal reason) implements Decision {}

    /** The same command id was already applied for this player: nothing happens and nobody is told again. */
    record AlreadyApplied() implements Decision {}
}
