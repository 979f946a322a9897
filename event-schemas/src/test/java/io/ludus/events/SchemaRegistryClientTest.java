package io.ludus.events;

import io.ludus.events.registry.RegistryRequestException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ludus.events.registry.IncompatibleSchemaException;
import io.ludus.events.registry.RegisteredSchema;
import io.ludus.events.registry.RegistryUnavailableException;
import io.ludus.events.registry.SchemaNotFoundException;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.registry.SubjectNotFoundException;
import io.ludus.registry.SchemaRegistryConfig;
import io.ludus.registry.SchemaRegistryServer;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import java.net.URI;
import java.util.UUID;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(120)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class SchemaRegistryClientTest {

    private static final Schema V1 = record("{\"name\":\"id\",\"type\":\"string\"}");
    private static final Schema V2 = record("{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}");
    private static final Schema INCOMPATIBLE = record("{\"name\":\"id\",\"type\":\"long\"}");

    private SchemaRegistryClient client;
    private String subject;

    @BeforeEach
    void connect(TestSchemaRegistry registry) {
        client = new SchemaRegistryClient(URI.create(registry.url()));
        subject = "client-test-" + UUID.randomUUID() + "-value";
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void registersLooksUpAndFetchesByIdAndLatest() {
        int id1 = client.register(subject, V1);
        assertThat(client.register(subject, V1)).as("re-registering is idempotent").isEqualTo(id1);
        int id2 = client.register(subject, V2);
        assertThat(id2).isNotEqualTo(id1);

        assertThat(client.getById(id1)).isEqualTo(V1);
        RegisteredSchema latest = client.getLatest(subject);
        assertThat(latest.id()).isEqualTo(id2);
        assertThat(latest.version()).isEqualTo(2);
        assertThat(latest.schema()).isEqualTo(V2);
        assertThat(client.getVersions(subject)).containsExactly(1, 2);
        assertThat(client.lookup(subject, V1)).map(RegisteredSchema::version).contains(1);
        assertThat(client.lookup(subject, INCOMPATIBLE)).isEmpty();
    }

    @Test
    void reportsCompatibilityAndRejectsAnIncompatibleSchemaNamingTheSubject() {
        client.register(subject, V1);
        assertThat(client.testCompatibility(subject, V2)).isTrue();
        assertThat(client.testCompatibility(subject, INCOMPATIBLE)).isFalse();
        assertThatThrownBy(() -> client.register(subject, INCOMPATIBLE))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> assertThat(e.subject()).isEqualTo(subject))
                .hasMessageContaining(subject);
    }

    @Test
    void unknownIdAndUnknownSubjectAreTypedErrors() {
        assertThatThrownBy(() -> client.getById(876_543))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> assertThat(e.id()).isEqualTo(876_543))
                .hasMessageContaining("876543");
        assertThatThrownBy(() -> client.getLatest(subject))
                .isInstanceOfSatisfying(SubjectNotFoundException.class, e -> assertThat(e.subject()).isEqualTo(subject));
    }

    @Test
    void unreachableRegistryIsATypedErrorNamingTheUrl() {
        URI nowhere = URI.create("http://127.0.0.1:9");
        try (SchemaRegistryClient offline = new SchemaRegistryClient(nowhere)) {
            assertThatThrownBy(() -> offline.register(subject, V1))
                    .isInstanceOfSatisfying(RegistryUnavailableException.class, e -> assertThat(e.url()).isEqualTo(nowhere))
                    .hasMessageContaining("127.0.0.1:9");
        }
    }

    @Test
    void servesCachedSchemasWhileTheRegistryIsDown(TestKafka kafka) {
        SchemaRegistryServer server = SchemaRegistryServer.start(
                SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1", 0).withTopic("_schemas-" + UUID.randomUUID()));
        try (SchemaRegistryClient cached = new SchemaRegistryClient(server.uri())) {
            int id = cached.register(subject, V1);
            assertThat(cached.getById(id)).isEqualTo(V1);
            server.close();
            assertThat(cached.getById(id)).as("id to schema from cache").isEqualTo(V1);
            assertThat(cached.register(subject, V1)).as("schema to id from cache").isEqualTo(id);
            assertThatThrownBy(() -> cached.getLatest(subject)).isInstanceOf(RegistryUnavailableException.class);
        } finally {
            server.close();
        }
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"ClientTestRecord\",\"namespace\":\"io.ludus.test\",\"fields\":[" + fields + "]}");
    }

    @Test
    void sendsTheUrlsUserInfoAsHttpBasicToARegistryThatGuardsWrites(TestKafka kafka) {
        try (SchemaRegistryServer guarded = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1", 0)
                .withTopic("_schemas-client-credentials-" + UUID.randomUUID())
                .withWriteCredentials(new SchemaRegistryConfig.WriteCredentials("ops", "registry-write-password")));
             SchemaRegistryClient anonymous = new SchemaRegistryClient(guarded.uri());
             SchemaRegistryClient operator = new SchemaRegistryClient(URI.create(
                     "http://ops:registry-write-password@127.0.0.1:" + guarded.uri().getPort()))) {
            assertThatThrownBy(() -> anonymous.register(subject, V1)).isInstanceOf(RegistryRequestException.class)
                    .satisfies(e -> assertThat(((RegistryRequestException) e).httpStatus()).isEqualTo(401));

            int id = operator.register(subject, V1);
            assertThat(anonymous.getById(id)).as("reads need no credentials").isEqualTo(V1);
        }
    }
}
