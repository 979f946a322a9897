package io.ludus.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NamedSettingsTest {

    private static final Set<String> FIELDS = Set.of("spread", "initial-window", "window", "team-size");

    @Test
    void aVariableSetsTheFieldItEndsWithAndTheRestIsTheNameWithDashes() {
        assertThat(NamedSettings.fromVariable("LUDUS_QUEUES_RANKED_1V1_SPREAD", "ludus.queues", FIELDS))
                .isEqualTo("ludus.queues.ranked-1v1.spread");
        assertThat(NamedSettings.fromVariable("LUDUS_QUEUES_CASUAL_3V3_INITIAL_WINDOW", "ludus.queues", FIELDS))
                .as("the longest field that fits, not WINDOW").isEqualTo("ludus.queues.casual-3v3.initial-window");
        assertThat(NamedSettings.fromVariable("LUDUS_QUEUES_DUEL_TEAM_SIZE", "ludus.queues", FIELDS)).isEqualTo("ludus.queues.duel.team-size");
    }

    @Test
    void aVariableWithNoKnownFieldIsPassedOnForTheParserToRefuse() {
        assertThat(NamedSettings.fromVariable("LUDUS_QUEUES_RANKED_1V1_SPRAD", "ludus.queues", FIELDS))
                .isEqualTo("ludus.queues.ranked-1v1-sprad");
        assertThat(NamedSettings.fromVariable("LUDUS_QUEUES_SPREAD", "ludus.queues", FIELDS)).as("a field with no name")
                .isEqualTo("ludus.queues.spread");
    }

    @Test
    void otherVariablesAreNotInTheSection() {
        assertThat(NamedSettings.fromVariable("LUDUS_QUEUE_X_SPREAD", "ludus.queues", FIELDS)).isNull();
        assertThat(NamedSettings.fromVariable("LUDUS_QUEUES_", "ludus.queues", FIELDS)).isNull();
        assertThat(NamedSettings.fromVariable("PATH", "ludus.queues", FIELDS)).isNull();
    }

    @Test
    void readsFilesAndVariablesTogetherAndAVariableWinsOverAFile() {
        var variables = PropertySource.of("test-environment",
                Map.of("LUDUS_QUEUES_RANKED_1V1_SPREAD", "900", "OTHER_THING", "x"), PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("ludus.queues.ranked-1v1.spread", "300", "ludus.queues.casual-3v3.initial-window", "75"))
                .propertySources(variables).build()) {
            assertThat(NamedSettings.read(context.getEnvironment().start(), "ludus.queues", FIELDS))
                    .containsOnly(Map.entry("ludus.queues.ranked-1v1.spread", "900"),
                            Map.entry("ludus.queues.casual-3v3.initial-window", "75"));
        }
    }
}
