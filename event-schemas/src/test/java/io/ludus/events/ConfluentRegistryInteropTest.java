package io.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ludus.events.registry.IncompatibleSchemaException;
import io.ludus.events.registry.SchemaNotFoundException;
import io.ludus.events.registry.SchemaRegistration;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.WireFormat;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import java.net.URI;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.ConfluentKafkaContainer;

/**
 * Our client and serde against a real Confluent Schema Registry. Needs Docker; skipped without it
 * (this project's CI machine has none, so the in-project registry stands in everywhere else).
 */
@Tag("integration")
@Timeout(300)
@Testcontainers(disabledWithoutDocker = true)
class ConfluentRegistryInteropTest {

    private static final String CONFLUENT_VERSION = "7.9.0";
    private static final Network NETWORK = Network.newNetwork();

    @Container
    static final ConfluentKafkaContainer KAFKA = new ConfluentKafkaContainer("confluentinc/cp-kafka:" + CONFLUENT_VERSION)
            .withNetwork(NETWORK)
            .withListener("kafka:19092");

    @Container
    static final GenericContainer<?> REGISTRY = new GenericContainer<>("confluentinc/cp-schema-registry:" + CONFLUENT_VERSION)
            .withNetwork(NETWORK)
            .dependsOn(KAFKA)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .withExposedPorts(8081)
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));

    private static URI registryUri() {
        return URI.create("http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void registersTheCatalogueAndRoundTripsEveryEventThroughConfluent() {
        try (SchemaRegistryClient client = new SchemaRegistryClient(registryUri())) {
            Map<String, Integer> ids = SchemaRegistration.registerAll(client, Topics.ALL);
            for (TopicSpec<?, ?> spec : Topics.ALL) {
                int id = ids.get(spec.valueSubject());
                try (SchemaRegistryClient fresh = new SchemaRegistryClient(registryUri())) {
                    assertThat(fresh.getById(id)).as("Confluent returns our schema for id %d", id).isEqualTo(spec.valueSchema());
                }
                var serde = ((TopicSpec) spec).valueSerde(client);
                for (SpecificRecord sample : SampleEvents.all(spec)) {
                    byte[] framed = serde.serializer().serialize(spec.name(), sample);
                    assertThat(WireFormat.schemaId(framed)).isEqualTo(id);
                    assertThat(serde.deserializer().deserialize(spec.name(), framed)).isEqualTo(sample);
                }
            }
        }
    }

    @Test
    void mapsConfluentErrorsToTypedExceptions() {
        try (SchemaRegistryClient client = new SchemaRegistryClient(registryUri())) {
            Schema v1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Interop\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
            Schema breaking = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Interop\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");
            client.register("interop-value", v1);
            assertThatThrownBy(() -> client.register("interop-value", breaking)).isInstanceOf(IncompatibleSchemaException.class);
            assertThatThrownBy(() -> client.getById(424_242)).isInstanceOf(SchemaNotFoundException.class);
        }
    }
}
