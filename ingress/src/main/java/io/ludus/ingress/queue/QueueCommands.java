package io.ludus.ingress.queue;

import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.LeaveQueue;
import io.ludus.events.queue.QueueDefinition;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.ingress.IngressProperties;
import io.ludus.simevents.EventMapping;
import io.ludus.ingress.ws.CommandRejectedException;
import io.ludus.ingress.ws.ErrorCode;
import io.ludus.ingress.ws.RejectionDetail;
import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.content.ContentPacks;
import io.ludus.sim.validation.LoadoutError;
import io.ludus.sim.validation.LoadoutValidator;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Turns {@code queue.join} and {@code queue.leave} frames into commands: shape and size first
 * (INVALID_COMMAND), then the team against the current content pack (INVALID_LOADOUT).
 */
@Singleton
public class QueueCommands {

    // Generous bounds on what the frame may carry; the content pack's own limits are tighter.
    static final int MAX_UNITS = 16;
    static final int MAX_LIST = 16;
    static final int MAX_ID = 64;

    private final JsonMapper json;
    private final IngressProperties properties;
    private final QueueDefinitions queues;
    private final ContentPack content = ContentPacks.bundled();

    QueueCommands(JsonMapper json, IngressProperties properties, QueueDefinitions queues) {
        this.json = json;
        this.properties = properties;
        this.queues = queues;
    }

    public JoinQueue join(String playerId, String commandId, JsonNode frame) throws CommandRejectedException {
        QueueFrames.Join join = read(frame, QueueFrames.Join.class);
        QueueDefinition queue = queue(join.queue());
        int spread = join.spread() == null ? queue.spread() : join.spread();
        if (spread < 0 || spread > properties.maxSpread()) {
            throw invalid("spread must be an integer from 0 to " + properties.maxSpread());
        }
        if (join.team() == null || join.team().units() == null) {
            throw invalid("team.units is required");
        }
        TeamLoadout team = team(playerId, join.team().units());
        List<LoadoutError> errors = LoadoutValidator.validate(content, team);
        if (!errors.isEmpty()) {
            throw new CommandRejectedException(ErrorCode.INVALID_LOADOUT, describe(errors),
                    errors.stream().map(e -> new RejectionDetail(e.code().name(), e.unit())).toList());
        }
        if (team.units().size() != queue.teamSize()) {
            throw invalid(queue.id() + " takes teams of " + queue.teamSize() + " unit" + (queue.teamSize() == 1 ? "" : "s")
                    + ", this one has " + team.units().size());
        }
        return JoinQueue.newBuilder()
                .setPlayerId(playerId)
                .setCommandId(commandId)
                .setQueueId(queue.id())
                .setSpread(spread)
                .setLoadout(EventMapping.toEvent(team).getLoadout())
                .build();
    }

    public LeaveQueue leave(String playerId, String commandId, JsonNode frame) throws CommandRejectedException {
        QueueFrames.Leave leave = read(frame, QueueFrames.Leave.class);
        return LeaveQueue.newBuilder()
                .setPlayerId(playerId)
                .setCommandId(commandId)
                .setQueueId(queue(leave.queue()).id())
                .build();
    }

    private <T> T read(JsonNode frame, Class<T> type) throws CommandRejectedException {
        try {
            return json.readValueFromTree(frame, Argument.of(type));
        } catch (IOException | RuntimeException e) {
            throw invalid("fields do not have the documented types");
        }
    }

    private QueueDefinition queue(String queue) throws CommandRejectedException {
        if (queue == null) {
            throw invalid("queue must be one of " + queues.ids());
        }
        return queues.find(queue).orElseThrow(() -> invalid("queue must be one of " + queues.ids()));
    }

    private static TeamLoadout team(String playerId, List<QueueFrames.Unit> units) throws CommandRejectedException {
        if (units.size() > MAX_UNITS) {
            throw invalid("team.units may hold at most " + MAX_UNITS + " units");
        }
        List<UnitLoadout> loadouts = new ArrayList<>(units.size());
        for (int u = 0; u < units.size(); u++) {
            String at = "team.units[" + u + "]";
            QueueFrames.Unit unit = units.get(u);
            if (unit == null) {
                throw invalid(at + " must be an object");
            }
            String classId = id(unit.classId(), at + ".class");
            List<String> abilities = new ArrayList<>();
            for (String ability : list(unit.abilities(), at + ".abilities")) {
                abilities.add(id(ability, at + ".abilities[]"));
            }
            if (unit.tactics() == null) {
                throw invalid(at + ".tactics is required");
            }
            loadouts.add(new UnitLoadout(classId, abilities, tactics(unit.tactics(), at + ".tactics")));
        }
        return new TeamLoadout(playerId, loadouts);
    }

    private static Tactics tactics(QueueFrames.Tactics tactics, String at) throws CommandRejectedException {
        List<Tactics.AbilityRule> priority = new ArrayList<>();
        List<QueueFrames.AbilityRule> rules = list(tactics.abilityPriority(), at + ".abilityPriority");
        for (int r = 0; r < rules.size(); r++) {
            String ruleAt = at + ".abilityPriority[" + r + "]";
            QueueFrames.AbilityRule rule = rules.get(r);
            if (rule == null || rule.target() == null) {
                throw invalid(ruleAt + " needs an ability and a target");
            }
            priority.add(new Tactics.AbilityRule(id(rule.ability(), ruleAt + ".ability"), targetRule(rule.target(), ruleAt + ".target")));
        }
        List<Tactics.TargetRule> focus = new ArrayList<>();
        List<QueueFrames.TargetRule> focusRules = list(tactics.focus(), at + ".focus");
        for (int r = 0; r < focusRules.size(); r++) {
            QueueFrames.TargetRule rule = focusRules.get(r);
            if (rule == null) {
                throw invalid(at + ".focus[" + r + "] must be an object");
            }
            focus.add(targetRule(rule, at + ".focus[" + r + "]"));
        }
        return new Tactics(priority, focus);
    }

    private static Tactics.TargetRule targetRule(QueueFrames.TargetRule rule, String at) throws CommandRejectedException {
        return new Tactics.TargetRule(
                constant(rule.side(), Tactics.Side.class, at + ".side"),
                rule.filter() == null ? Tactics.Filter.ANY : constant(rule.filter(), Tactics.Filter.class, at + ".filter"),
                rule.percent() == null ? 0 : rule.percent(),
                constant(rule.order(), Tactics.Order.class, at + ".order"));
    }

    /** Wire names are the lowercase constant names: "enemy", "in_range", "lowest_health". */
    private static <E extends Enum<E>> E constant(String value, Class<E> type, String at) throws CommandRejectedException {
        if (value != null) {
            for (E candidate : type.getEnumConstants()) {
                if (candidate.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return candidate;
                }
            }
        }
        throw invalid(at + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
    }

    private static <T> List<T> list(List<T> values, String at) throws CommandRejectedException {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_LIST) {
            throw invalid(at + " may hold at most " + MAX_LIST + " entries");
        }
        return values;
    }

    private static String id(String value, String at) throws CommandRejectedException {
        if (value == null || value.isEmpty() || value.length() > MAX_ID) {
            throw invalid(at + " must be a string of 1 to " + MAX_ID + " characters");
        }
        return value;
    }

    private static CommandRejectedException invalid(String message) {
        return new CommandRejectedException(ErrorCode.INVALID_COMMAND, message);
    }

    private static String describe(List<LoadoutError> errors) {
        StringBuilder message = new StringBuilder("team does not fit the game content: ");
        for (int i = 0; i < errors.size(); i++) {
            if (i > 0) {
                message.append("; ");
            }
            LoadoutError error = errors.get(i);
            if (error.unit() >= 0) {
                message.append("team.units[").append(error.unit()).append("] ");
            }
            message.append(describe(error));
        }
        return message.toString();
    }

    private static String describe(LoadoutError error) {
        return switch (error) {
            case LoadoutError.MissingValue e -> e.field() + " is missing";
            case LoadoutError.TeamSize e -> "team has " + e.size() + " units, needs " + e.min() + " to " + e.max();
            case LoadoutError.UnknownClass e -> "class '" + e.classId() + "' does not exist";
            case LoadoutError.UnknownAbility e -> "ability '" + e.abilityId() + "' does not exist";
            case LoadoutError.AbilityNotAllowed e -> "class '" + e.classId() + "' cannot use '" + e.abilityId() + "'";
            case LoadoutError.DuplicateAbility e -> "ability '" + e.abilityId() + "' is chosen twice";
            case LoadoutError.TooManyAbilities e -> e.count() + " abilities, at most " + e.max();
            case LoadoutError.IllegalCombination e -> "'" + e.abilityA() + "' and '" + e.abilityB() + "' cannot be combined";
            case LoadoutError.TooManyRules e -> e.count() + " " + ruleList(e.list()) + " rules, at most " + e.max();
            case LoadoutError.RuleAbilityNotEquipped e -> "abilityPriority[" + e.rule() + "] uses '" + e.abilityId() + "', which is not equipped";
            case LoadoutError.PercentOutOfRange e -> ruleList(e.list()) + "[" + e.rule() + "].percent " + e.percent() + " is not in 0..100";
            case LoadoutError.SideNotAllowed e -> ruleList(e.list()) + "[" + e.rule() + "].side " + e.side().name().toLowerCase(Locale.ROOT) + " does not fit";
            case LoadoutError.OverBudget e -> "team costs " + e.points() + " points, budget is " + e.budget();
        };
    }

    private static String ruleList(LoadoutError.RuleList list) {
        return switch (list) {
            case ABILITY_PRIORITY -> "abilityPriority";
            case FOCUS -> "focus";
        };
    }
}
