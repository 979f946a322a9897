package io.ludus.ingress.queue;

import io.ludus.events.queue.QueueDefinitions;

import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.LeaveQueue;
import io.ludus.events.common.TargetFilter;
import io.ludus.events.common.TargetOrder;
import io.ludus.events.common.TargetSide;
import io.ludus.ingress.IngressProperties;
import io.ludus.ingress.ws.CommandRejectedException;
import io.ludus.ingress.ws.ErrorCode;
import io.ludus.ingress.ws.RejectionDetail;
import io.ludus.sim.Tactics;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QueueCommandsTest {

    private static final String PLAYER = "6f1c2b1e-0000-4000-8000-000000000001";

    private final JsonMapper json = JsonMapper.createDefault();
    private final QueueCommands commands = new QueueCommands(json, new IngressProperties(Duration.ofMinutes(15),
            Duration.ofDays(30), 65536, 10, Duration.ofMinutes(1), 20, Duration.ofSeconds(1), 8, 1000, 500),
            QueueDefinitions.parse(Map.of("ludus.queues.ranked-1v1.enabled", "false")));

    private JsonNode frame(String text) throws Exception {
        return json.readValue(text, Argument.of(JsonNode.class));
    }

    @Test
    void mapsAValidJoinOntoTheCommandRecord() throws Exception {
        JoinQueue join = commands.join(PLAYER, "c1", frame(Loadouts.join("c1", "ranked-3v3", 100, Loadouts.VALID_TEAM)));

        assertThat(join.getPlayerId()).isEqualTo(PLAYER);
        assertThat(join.getCommandId()).isEqualTo("c1");
        assertThat(join.getQueueId()).isEqualTo("ranked-3v3");
        assertThat(join.getSpread()).isEqualTo(100);
        assertThat(join.getLoadout().getUnits()).hasSize(3);
        var cleric = join.getLoadout().getUnits().get(1);
        assertThat(cleric.getClassId()).isEqualTo("cleric");
        assertThat(cleric.getAbilityIds()).containsExactly("heal", "smite");
        var heal = cleric.getTactics().getAbilityPriority().getFirst();
        assertThat(heal.getAbilityId()).isEqualTo("heal");
        assertThat(heal.getTarget().getSide()).isEqualTo(TargetSide.ALLY);
        assertThat(heal.getTarget().getFilter()).isEqualTo(TargetFilter.HEALTH_BELOW_PERCENT);
        assertThat(heal.getTarget().getPercent()).isEqualTo(60);
        assertThat(heal.getTarget().getOrder()).isEqualTo(TargetOrder.LOWEST_HEALTH_PERCENT);
        // filter and percent default to "any" and 0
        var focus = join.getLoadout().getUnits().get(0).getTactics().getFocus().getFirst();
        assertThat(focus.getFilter()).isEqualTo(TargetFilter.ANY);
        assertThat(focus.getPercent()).isZero();
    }

    @Test
    void rejectsAQueueThatIsNotConfigured() throws Exception {
        CommandRejectedException rejected = catchThrowableOfType(CommandRejectedException.class,
                () -> commands.join(PLAYER, "c1", frame(Loadouts.join("c1", "ranked-9v9", 100, Loadouts.VALID_TEAM))));
        assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_COMMAND);
        assertThat(rejected.getMessage()).contains("queue");
    }

    @Test
    void rejectsADisabledQueueLikeAnUnknownOne() throws Exception {
        CommandRejectedException rejected = catchThrowableOfType(CommandRejectedException.class,
                () -> commands.join(PLAYER, "c1", frame(Loadouts.join("c1", "ranked-1v1", 100, Loadouts.VALID_TEAM))));
        assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_COMMAND);
        assertThat(rejected.getMessage()).contains("ranked-3v3").doesNotContain("ranked-1v1");
    }

    @Test
    void rejectsATeamWhoseSizeIsNotTheQueues() throws Exception {
        QueueCommands defaults = new QueueCommands(json, new IngressProperties(Duration.ofMinutes(15), Duration.ofDays(30), 65536, 10,
                Duration.ofMinutes(1), 20, Duration.ofSeconds(1), 8, 1000, 500), QueueDefinitions.defaults());
        CommandRejectedException rejected = catchThrowableOfType(CommandRejectedException.class,
                () -> defaults.join(PLAYER, "c1", frame(Loadouts.join("c1", "ranked-1v1", 100, Loadouts.VALID_TEAM))));
        assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_COMMAND);
        assertThat(rejected.getMessage()).contains("ranked-1v1 takes teams of 1 unit, this one has 3");
    }

    @Test
    void aJoinWithoutSpreadTakesTheQueuesDefault() throws Exception {
        String frame = Loadouts.join("c1", "ranked-3v3", 100, Loadouts.VALID_TEAM).replace("\"spread\":100,", "");
        assertThat(frame).doesNotContain("spread");
        assertThat(commands.join(PLAYER, "c1", frame(frame)).getSpread()).isEqualTo(QueueDefinitions.DEFAULT_SPREAD);
    }

    @Test
    void rejectsASpreadOutsideTheConfiguredRange() throws Exception {
        for (int spread : new int[] {-1, 501}) {
            CommandRejectedException rejected = catchThrowableOfType(CommandRejectedException.class,
                    () -> commands.join(PLAYER, "c1", frame(Loadouts.join("c1", "ranked-3v3", spread, Loadouts.VALID_TEAM))));
            assertThat(rejected.code()).as("spread %d", spread).isEqualTo(ErrorCode.INVALID_COMMAND);
        }
    }

    @Test
    void rejectsFieldsOfTheWrongTypeAsInvalidCommand() throws Exception {
        CommandRejectedException rejected = catchThrowableOfType(CommandRejectedException.class, () -> commands.join(PLAYER, "c1",
                frame("{\"type\":\"queue.join\",\"id\":\"c1\",\"queue\":\"ranked-3v3\",\"spread\":{\"a\":1},\"team\":{\"units\":[]}}")));
        assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_COMMAND);
    }

    @Test
    void rejectsAnUnknownTargetSideAsInvalidCommand() throws Exception {
        String team = Loadouts.VALID_TEAM.replaceFirst("\"side\":\"enemy\"", "\"side\":\"ENEMY\"");
        CommandRejectedException rejected = catchThrowableOfType(CommandRejectedException.class,
                () -> commands.join(PLAYER, "c1", frame(Loadouts.join("c1", "ranked-3v3", 100, team))));
        assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_COMMAND);
        assertThat(rejected.getMessage()).contains("team.units[0].tactics.abilityPriority[0].target.side");
    }

    @Test
    void rejectsAnUnknownClassAsInvalidLoadoutWithTheEngineCode() throws Exception {
        CommandRejectedException rejected = catchThrowableOfType(CommandRejectedException.class,
                () -> commands.join(PLAYER, "c1", frame(Loadouts.join("c1", "ranked-3v3", 100, Loadouts.UNKNOWN_CLASS_TEAM))));
        assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_LOADOUT);
        assertThat(rejected.details()).contains(new RejectionDetail("UNKNOWN_CLASS", 0));
        assertThat(rejected.getMessage()).contains("dragon");
    }

    @Test
    void rejectsAnAbilityTheClassCannotUse() throws Exception {
        String team = Loadouts.VALID_TEAM.replace("[\"shield_bash\",\"sunder\"]", "[\"shield_bash\",\"fireball\"]");
        CommandRejectedException rejected = catchThrowableOfType(CommandRejectedException.class,
                () -> commands.join(PLAYER, "c1", frame(Loadouts.join("c1", "ranked-3v3", 100, team))));
        assertThat(rejected.code()).isEqualTo(ErrorCode.INVALID_LOADOUT);
        assertThat(rejected.details()).contains(new RejectionDetail("ABILITY_NOT_ALLOWED", 0));
    }

    @Test
    void mapsALeave() throws Exception {
        LeaveQueue leave = commands.leave(PLAYER, "c2", frame("{\"type\":\"queue.leave\",\"id\":\"c2\",\"queue\":\"casual-3v3\"}"));
        assertThat(leave.getQueueId()).isEqualTo("casual-3v3");
        assertThat(leave.getCommandId()).isEqualTo("c2");
        assertThat(leave.getPlayerId()).isEqualTo(PLAYER);
    }

    @Test
    void everyEngineTargetConstantHasAnAvroTwin() {
        for (Tactics.Side side : Tactics.Side.values()) {
            assertThat(TargetSide.valueOf(side.name())).isNotNull();
        }
        for (Tactics.Filter filter : Tactics.Filter.values()) {
            assertThat(TargetFilter.valueOf(filter.name())).isNotNull();
        }
        for (Tactics.Order order : Tactics.Order.values()) {
            assertThat(TargetOrder.valueOf(order.name())).isNotNull();
        }
    }
}
