package io.ludus.projections.social.stream;

import io.ludus.events.rejection.CommandRejectionEvent;
import io.ludus.events.social.SocialEvent;

/** What the pair stage emits: a social event for the pair, or a refusal for the sender. Never serialized. */
sealed interface SocialOutput {

    record Event(SocialEvent event) implements SocialOutput {}

    record Rejection(String playerId, CommandRejectionEvent rejection) implements SocialOutput {}
}
