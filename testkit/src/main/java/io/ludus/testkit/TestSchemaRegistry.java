package io.ludus.testkit;

import io.ludus.registry.SchemaRegistryConfig;
import io.ludus.registry.SchemaRegistryServer;

/** The test JVM's shared schema registry, storing schemas on the shared broker. Injected by {@link SchemaRegistryExtension}. */
public final class TestSchemaRegistry implements AutoCloseable {

    private final SchemaRegistryServer server;

    private TestSchemaRegistry(SchemaRegistryServer server) {
        this.server = server;
    }

    static TestSchemaRegistry start(TestKafka kafka) {
        return new TestSchemaRegistry(SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1", 0)));
    }

    /** Base URL for serializers' {@code schema.registry.url}, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return server.uri().toString();
    }

    @Override
    public void close() {
        server.close();
    }
}
