package io.ludus.ingress;

import io.ludus.events.queue.QueueDefinitions;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngressPropertiesTest {

    private static final String SECRET_KEY = "micronaut.security.token.jwt.signatures.secret.generator.secret";

    private static Map<String, Object> valid() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(SECRET_KEY, "a-secret-that-is-long-enough-for-hs256-signing");
        return properties;
    }

    @Test
    void documentedDefaultsApply() {
        try (ApplicationContext context = ApplicationContext.run(valid())) {
            IngressProperties properties = context.getBean(IngressProperties.class);
            assertThat(properties.accessTokenTtl()).hasMinutes(15);
            assertThat(properties.maxFrameBytes()).isEqualTo(65536);
            assertThat(context.getBean(QueueDefinitions.class).ids()).contains("ranked-1v1", "ranked-3v3", "casual-3v3");
        }
    }

    @Test
    void startupFailsNamingAnOutOfRangeFrameLimit() {
        Map<String, Object> properties = valid();
        properties.put("ludus.ingress.max-frame-bytes", "10");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("ludus.ingress.max-frame-bytes");
    }

    @Test
    void startupFailsNamingAnIllegalQueueName() {
        Map<String, Object> properties = valid();
        properties.put("ludus.queues.Ranked-3v3.team-size", "3");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("ludus.queues.Ranked-3v3");
    }

    @Test
    void startupFailsNamingAQueueSpreadAboveTheLargestAJoinMayAskFor() {
        Map<String, Object> properties = valid();
        properties.put("ludus.queues.ranked-1v1.spread", "5000");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("ludus.queues.ranked-1v1.spread").hasStackTraceContaining("ludus.ingress.max-spread (1000)");

        properties.put("ludus.ingress.max-spread", "5000");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertThat(context.getBean(QueueDefinitions.class).find("ranked-1v1").orElseThrow().spread()).isEqualTo(5000);
        }
    }

    @Test
    void aQueueSettingAsAnEnvironmentVariableReachesTheQueueWhoseIdHoldsADash() {
        var environment = io.micronaut.context.env.PropertySource.of("environment",
                Map.of("LUDUS_QUEUES_RANKED_1V1_SPREAD", "900", "LUDUS_QUEUES_CASUAL_3V3_INITIAL_WINDOW", "75"),
                io.micronaut.context.env.PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = ApplicationContext.builder().properties(valid()).propertySources(environment).start()) {
            QueueDefinitions queues = context.getBean(QueueDefinitions.class);
            assertThat(queues.find("ranked-1v1").orElseThrow().spread()).isEqualTo(900);
            assertThat(queues.find("casual-3v3").orElseThrow().initialWindow()).isEqualTo(75);
            assertThat(queues.ids()).containsExactlyInAnyOrder("ranked-1v1", "ranked-3v3", "casual-3v3");
        }
    }

    @Test
    void startupFailsNamingABadRegistryUrl() {
        Map<String, Object> properties = valid();
        properties.put("ludus.registry.url", "ftp://registry");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining("ludus.registry.url");
    }

    @Test
    void startupFailsNamingAMissingJwtSecret() {
        Map<String, Object> properties = valid();
        properties.put(SECRET_KEY, "short");
        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .hasStackTraceContaining(SECRET_KEY);
    }
}
