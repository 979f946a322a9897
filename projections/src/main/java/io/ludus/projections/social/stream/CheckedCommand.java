package io.ludus.projections.social.stream;

import io.ludus.events.command.PlayerCommand;
import io.ludus.projections.social.friendship.Party;

/** A social command on its way to its pair, with what the by-player stages knew about the actor and the other player. */
record CheckedCommand(PlayerCommand command, Party actor, Party other) {
}
