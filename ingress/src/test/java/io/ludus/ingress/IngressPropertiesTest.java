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
        assertThatThrownBy(() -> ApplicationContext.run(properties).getBean(QueueDefinitions.class))
                .hasStackTraceContaining("ludus.queues.Ranked-3v3");
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
