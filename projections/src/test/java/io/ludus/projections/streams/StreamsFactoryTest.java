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

    @Test
    void eachProcessorBindsTheSharedSettingsUnderItsOwnPrefix() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("ludus.projections.read-models.enabled", "false",
                "ludus.projections.ratings.enabled", "false", "ludus.projections.ratings.application-id", "r-app",
                "ludus.projections.ratings.state-dir", "/tmp/r-state", "ludus.projections.ratings.tau", "0.6",
                "ludus.projections.social.enabled", "false", "ludus.projections.social.topic-prefix", "env1.",
                "ludus.projections.social.friend-cap", "7"))) {
            var ratings = context.getBean(io.ludus.projections.rating.stream.RatingsProperties.class);
            var social = context.getBean(io.ludus.projections.social.stream.SocialProperties.class);
            assertThat(ratings.enabled()).isFalse();
            assertThat(ratings.applicationId()).isEqualTo("r-app");
            assertThat(ratings.stateDir()).isEqualTo(java.nio.file.Path.of("/tmp/r-state"));
            assertThat(ratings.tau()).isEqualTo(0.6);
            assertThat(ratings.topicPrefix()).isEmpty();
            assertThat(social.enabled()).isFalse();
            assertThat(social.applicationId()).isEqualTo(io.ludus.projections.social.stream.SocialConfig.DEFAULT_APPLICATION_ID);
            assertThat(social.topicPrefix()).isEqualTo("env1.");
            assertThat(social.friendCap()).isEqualTo(7);
        }
    }
}
