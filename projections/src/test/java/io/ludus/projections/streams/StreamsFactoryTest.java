package io.ludus.projections.streams;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsFactoryTest {

    @Test
    void aContextWithoutKafkaConfiguredStartsNoProcessor() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("ludus.projections.read-models.enabled", "false"))) {
            assertThat(context.getBeansOfType(ManagedStreams.class)).isEmpty();
        }
    }
}
