package io.ludus.bench;

import ch.qos.logback.classic.Level;
import io.ludus.embedded.EmbeddedKafka;
import io.ludus.embedded.EmbeddedKafkaConfig;
import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.Topics;
import io.ludus.registry.SchemaRegistryConfig;
import io.ludus.registry.SchemaRegistryServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The pipeline benchmark's broker and registry as their own process, so that they can be pinned to other cores
 * than the worker (taskset), as on a worker node without the broker. Prints the PipelineBenchmark arguments that
 * point at it, then runs until stdin closes.
 */
public final class PipelineBroker {

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Path dir = Files.createTempDirectory("ludus-pipeline-broker");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir.resolve("kafka")));
             SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1", 0))) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).provision(Topics.ALL);
            }
            System.out.printf("bootstrap=%s registry=%s brokerPid=%d%n", kafka.bootstrapServers(), registry.uri(),
                    ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the benchmark script closes stdin
            }
        }
    }
}
