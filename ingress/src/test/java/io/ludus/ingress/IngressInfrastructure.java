package io.ludus.ingress;

import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.Topics;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.PostgresExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestDatabase;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestPostgres;
import io.ludus.testkit.TestSchemaRegistry;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Resolves the testkit's shared servers before Micronaut asks the test class for its properties
 * (declare it before {@code @MicronautTest}). Each test class gets a fresh database.
 */
public final class IngressInfrastructure implements BeforeAllCallback {

    private static volatile TestKafka kafka;
    private static volatile TestSchemaRegistry registry;
    private static volatile TestDatabase database;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The testkit hands its servers out as parameters; its resolvers only read the context.
        kafka = (TestKafka) new KafkaExtension().resolveParameter(null, context);
        registry = (TestSchemaRegistry) new SchemaRegistryExtension().resolveParameter(null, context);
        database = ((TestPostgres) new PostgresExtension().resolveParameter(null, context)).freshDatabase();
        new TopicProvisioner(kafka.admin(), (short) 1, Duration.ofSeconds(30)).provision(List.of(
                Topics.PLAYER_COMMANDS, Topics.PLAYER_NOTIFICATIONS, Topics.ACCOUNT_EVENTS));
    }

    /** The registry's URL, for tests that produce Avro values themselves. */
    public static String registryUrl() {
        return registry.url();
    }

    public static TestDatabase database() {
        return database;
    }

    public static TestKafka kafka() {
        return kafka;
    }

    /** What ingress needs to reach the shared servers and this class's database. */
    public static Map<String, String> properties() {
        return Map.of(
                "ludus.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "ludus.registry.url", registry.url(),
                "datasources.default.url", database.jdbcUrl(),
                "datasources.default.username", database.user(),
                "datasources.default.password", database.password(),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                // one notification log per database: nodes of one deployment share a group, other classes' nodes do not
                "ludus.ingress.delivery.archive-group", "notification-log-" + database.name());
    }
}
