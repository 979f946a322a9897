package io.ludus.matchmaker.topology;

import io.ludus.events.account.AccountEvent;
import io.ludus.events.command.PlayerCommand;

/** Everything the player stage hears about one player, keyed by playerId. */
sealed interface PlayerInput {

    /** A JoinQueue or LeaveQueue with the player's current rating (the documented default for a new player). */
    record Command(PlayerCommand command, double rating, double deviation) implements PlayerInput {}

    record Account(AccountEvent event) implements PlayerInput {}

    record Closed(TicketClosure closure) implements PlayerInput {}
}
