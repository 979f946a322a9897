package io.ludus.registry;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(60)
@ExtendWith(SharedKafka.class)
class SchemaRegistryStartupTest {

    @Test
    void rejectsConfigNamingTheBadField() {
        assertThatThrownBy(() -> SchemaRegistryConfig.of(" ", "127.0.0.1", 0)).hasMessageContaining("bootstrapServers");
        assertThatThrownBy(() -> SchemaRegistryConfig.of("k:9092", "127.0.0.1", 65536)).hasMessageContaining("port");
        assertThatThrownBy(() -> SchemaRegistryConfig.of("k:9092", "", 0)).hasMessageContaining("host");
        assertThatThrownBy(() -> SchemaRegistryConfig.of("k:9092", "127.0.0.1", 0).withTopic(""))
                .hasMessageContaining("topic");
    }

    @Test
    void refusesASchemaTopicThatIsNotCompacted() throws Exception {
        String topic = "_schemas-not-compacted";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedKafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete")))).all().get();
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.of(SharedKafka.bootstrapServers(), "127.0.0.1", 0)
                .withTopic(topic);
        assertThatThrownBy(() -> SchemaRegistryServer.start(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cleanup.policy=compact");
    }

    @Test
    void failsStartupNamingUnreachableKafka() {
        SchemaRegistryConfig config = new SchemaRegistryConfig("127.0.0.1:1", "127.0.0.1", 0,
                SchemaRegistryConfig.DEFAULT_TOPIC, CompatibilityLevel.BACKWARD,
                SchemaRegistryConfig.DEFAULT_MAX_REQUEST_BYTES, Duration.ofSeconds(2), Duration.ofSeconds(2),
                SchemaRegistryConfig.Limits.DEFAULT, null);
        assertThatThrownBy(() -> SchemaRegistryServer.start(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bootstrapServers=127.0.0.1:1");
    }
}
