package io.ludus.loadtest.swarm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.SplitMix64;
import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import io.ludus.sim.content.ContentPacks;

import java.util.Locale;

/** Client frames of docs/protocol.md, built as a game client would send them. */
final class Frames {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final RandomLoadouts TEAMS = new RandomLoadouts(ContentPacks.bundled());

    private Frames() {}

    /** {@code queue.join} with a random team that is valid for the bundled content (the sim engine's own generator). */
    static ObjectNode queueJoin(String id, String queue, int teamSize, long seed) {
        TeamLoadout team = TEAMS.team(new SplitMix64(seed), "swarm", teamSize);
        ObjectNode frame = JSON.createObjectNode().put("type", "queue.join").put("id", id).put("queue", queue);
        ArrayNode units = frame.putObject("team").putArray("units");
        for (UnitLoadout u : team.units()) {
            ObjectNode unit = units.addObject().put("class", u.classId());
            u.abilityIds().forEach(unit.putArray("abilities")::add);
            ObjectNode tactics = unit.putObject("tactics");
            ArrayNode priority = tactics.putArray("abilityPriority");
            for (Tactics.AbilityRule rule : u.tactics().abilityPriority()) {
                rule(priority.addObject().put("ability", rule.abilityId()).putObject("target"), rule.target());
            }
            ArrayNode focus = tactics.putArray("focus");
            u.tactics().focus().forEach(t -> rule(focus.addObject(), t));
        }
        return frame;
    }

    /** {@code friend.request}, {@code friend.accept}, …: every social command names the other player. */
    static ObjectNode social(String type, String id, String player) {
        return JSON.createObjectNode().put("type", type).put("id", id).put("player", player);
    }

    private static void rule(ObjectNode node, Tactics.TargetRule t) {
        node.put("side", t.side().name().toLowerCase(Locale.ROOT))
                .put("filter", t.filter().name().toLowerCase(Locale.ROOT))
                .put("percent", t.percent())
                .put("order", t.order().name().toLowerCase(Locale.ROOT));
    }
}
