package io.ludus.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaRegistryMainTest {

    @Test
    void readsSettingsFromEnvironmentWithFlagsTakingPrecedence() {
        SchemaRegistryConfig config = SchemaRegistryMain.configFrom(new String[] {"--ludus.registry.server.port=9999"},
                Map.of("LUDUS_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "LUDUS_REGISTRY_SERVER_HOST", "127.0.0.1",
                        "LUDUS_REGISTRY_SERVER_PORT", "8085"));
        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(9999);
        assertThat(config.topic()).isEqualTo("_schemas");
        assertThat(config.defaultCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void defaultsMatchConfluentPort() {
        SchemaRegistryConfig config = SchemaRegistryMain.configFrom(new String[0], Map.of());
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void rejectsBadPortNamingTheSetting() {
        assertThatThrownBy(() -> SchemaRegistryMain.configFrom(new String[0], Map.of("LUDUS_REGISTRY_SERVER_PORT", "http")))
                .hasStackTraceContaining("port");
        assertThatThrownBy(() -> SchemaRegistryMain.configFrom(new String[] {"--ludus.registry.server.port=70000"}, Map.of()))
                .hasStackTraceContaining("ludus.registry.server.port (env LUDUS_REGISTRY_SERVER_PORT)");
    }

    @Test
    void rejectsEmptyBootstrapAndUnknownFlags() {
        assertThatThrownBy(() -> SchemaRegistryMain.configFrom(new String[0], Map.of("LUDUS_KAFKA_BOOTSTRAP_SERVERS", " ")))
                .hasStackTraceContaining("LUDUS_KAFKA_BOOTSTRAP_SERVERS");
        assertThatThrownBy(() -> SchemaRegistryMain.configFrom(new String[] {"--colour=blue"}, Map.of()))
                .hasMessageContaining("--colour");
    }

    @Test
    void bindsLoopbackByDefault() {
        assertThat(SchemaRegistryMain.configFrom(new String[0], Map.of()).host()).isEqualTo("127.0.0.1");
    }

    @Test
    void refusesAnOpenBindWithoutWriteCredentials() {
        assertThatThrownBy(() -> SchemaRegistryMain.configFrom(new String[] {"--ludus.registry.server.host=0.0.0.0"}, Map.of()))
                .hasStackTraceContaining("ludus.registry.server.host (env LUDUS_REGISTRY_SERVER_HOST)");
        assertThatThrownBy(() -> SchemaRegistryMain.configFrom(new String[] {"--ludus.registry.server.host=0.0.0.0",
                "--ludus.registry.server.write-user=ops"}, Map.of()))
                .hasStackTraceContaining("must be set together");
        assertThatThrownBy(() -> SchemaRegistryMain.configFrom(new String[] {"--ludus.registry.server.host=0.0.0.0",
                "--ludus.registry.server.write-user=ops", "--ludus.registry.server.write-password=short"}, Map.of()))
                .hasStackTraceContaining("ludus.registry.server.write-user");
    }

    @Test
    void acceptsAnOpenBindWithWriteCredentialsAndReadsLimits() {
        SchemaRegistryConfig config = SchemaRegistryMain.configFrom(new String[] {"--ludus.registry.server.host=0.0.0.0",
                        "--ludus.registry.server.max-subjects=5"},
                Map.of("LUDUS_REGISTRY_SERVER_WRITE_USER", "ops", "LUDUS_REGISTRY_SERVER_WRITE_PASSWORD", "a-long-enough-password",
                        "LUDUS_REGISTRY_SERVER_MAX_VERSIONS", "7"));
        assertThat(config.writeCredentials().user()).isEqualTo("ops");
        assertThat(config.writeCredentials().toString()).doesNotContain("a-long-enough-password");
        assertThat(config.limits().maxSubjects()).isEqualTo(5);
        assertThat(config.limits().maxVersionsPerSubject()).isEqualTo(7);
        assertThatThrownBy(() -> SchemaRegistryMain.configFrom(new String[] {"--ludus.registry.server.max-subjects=0"}, Map.of()))
                .hasStackTraceContaining("ludus.registry.server.max-subjects (env LUDUS_REGISTRY_SERVER_MAX_SUBJECTS)");
    }
}
