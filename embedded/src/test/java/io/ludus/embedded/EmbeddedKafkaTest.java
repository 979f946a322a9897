package io.ludus.embedded;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("integration")
@Timeout(120)
class EmbeddedKafkaTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void roundTripsRecordsThroughTheBroker() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir))) {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            KafkaRecords.createTopic(kafka.bootstrapServers(), "round-trip");
            KafkaRecords.produce(kafka.bootstrapServers(), "round-trip", List.of("a", "b", "c"));

            assertThat(KafkaRecords.readValues(kafka.bootstrapServers(), "round-trip", 3, READ_TIMEOUT))
                    .containsExactly("a", "b", "c");
        }
    }

    @Test
    void restartOnTheSameDataDirectoryKeepsTopicsAndRecords() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir))) {
            KafkaRecords.createTopic(kafka.bootstrapServers(), "durable");
            KafkaRecords.produce(kafka.bootstrapServers(), "durable", List.of("before-restart"));
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("durable");
            }
            KafkaRecords.produce(kafka.bootstrapServers(), "durable", List.of("after-restart"));

            assertThat(KafkaRecords.readValues(kafka.bootstrapServers(), "durable", 2, READ_TIMEOUT))
                    .containsExactly("before-restart", "after-restart");
        }
    }

    @Test
    void recoversDataDirectoryOfAKilledProcess() throws Exception {
        Path data = dir.resolve("kafka");
        try (ChildJvm child = ChildJvm.start(KafkaChildMain.class, dir.resolve("child.log"), data.toString(), "crashed", "20")) {
            child.awaitReady(Duration.ofSeconds(90));
            child.kill();
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(data))) {
            List<String> expected = IntStream.range(0, 20).mapToObj(i -> "v" + i).toList();
            assertThat(KafkaRecords.readValues(kafka.bootstrapServers(), "crashed", 20, READ_TIMEOUT))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void rejectsInvalidConfigNamingTheField() {
        assertThatThrownBy(() -> EmbeddedKafkaConfig.of(dir).withPorts(70_000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> EmbeddedKafkaConfig.of(dir).withPorts(9092, 9092))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("controllerPort");
        assertThatThrownBy(() -> EmbeddedKafkaConfig.of(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataDirectory");
    }
}
