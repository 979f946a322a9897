package io.ludus.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(420)
class CrashRecoveryTest {

    private static final Duration STARTUP = Duration.ofSeconds(150);

    @Test
    void restartAfterKillMinus9KeepsTopicsSchemasAndDatabaseRows(@TempDir Path dataDir) throws Exception {
        // child logs stay in target/ so a CI failure can be read afterwards
        Path logs = java.nio.file.Files.createDirectories(Path.of("target", "crash-recovery-logs"));
        String playerId;
        int schemaId;
        // the same PostgreSQL port both times: the killed server's postmaster keeps it until the restart stops it
        List<String> options = List.of("--data-dir", dataDir.toString(), "--http-port", "0", "--kafka-port", "0",
                "--kafka-controller-port", "0", "--registry-port", "0", "--postgres-port", String.valueOf(freePort()));
        try (ServerProcess first = ServerProcess.start(options, logs.resolve("first.log"))) {
            first.awaitReady(STARTUP);
            JsonNode tokens = LudusTestClient.loginOffline(first.url("HTTP API"), "crash-survivor");
            playerId = tokens.path("playerId").asText();
            LudusTestClient.Socket socket = LudusTestClient.connect(first.url("WebSocket"), tokens.path("accessToken").asText());
            socket.send(LudusTestClient.queueJoin("before-crash", "ranked-3v3", 7));
            assertThat(socket.awaitReply("before-crash", Duration.ofSeconds(30)).path("type").asText()).isEqualTo("ack");
            try (SchemaRegistryClient registry = new SchemaRegistryClient(first.url("registry"))) {
                schemaId = registry.getLatest(Topics.PLAYER_COMMANDS.valueSubject()).id();
            }
            first.kill();
        }

        try (ServerProcess second = ServerProcess.start(options, logs.resolve("second.log"))) {
            second.awaitReady(STARTUP);

            JsonNode again = LudusTestClient.loginOffline(second.url("HTTP API"), "crash-survivor");
            assertThat(again.path("playerId").asText()).as("account row survived").isEqualTo(playerId);

            try (SchemaRegistryClient registry = new SchemaRegistryClient(second.url("registry"))) {
                assertThat(registry.getLatest(Topics.PLAYER_COMMANDS.valueSubject()).id()).as("schema id stable").isEqualTo(schemaId);
            }
            assertThat(countRecordsKeyed(second.kafka(), Topics.PLAYER_COMMANDS.name(), playerId))
                    .as("acknowledged command survived").isEqualTo(1);

            // 143 = 128 + SIGTERM, the JVM's exit status once its shutdown hooks have completed
            assertThat(second.terminate(Duration.ofSeconds(60))).as("exit status after SIGTERM").isEqualTo(143);
            assertThat(second.output()).as("shutdown hook ran to the end").contains("Ludus stopped.");
        }
    }

    private static int countRecordsKeyed(String bootstrap, String topic, String key) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            int count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
