package io.ludus.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Confluent-compatible schema registry over HTTP, backed by a compacted Kafka topic. */
public final class SchemaRegistryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);

    private final KafkaSchemaStore store;
    private final HttpServer http;
    private final ExecutorService executor;
    private final URI uri;

    private SchemaRegistryServer(KafkaSchemaStore store, HttpServer http, ExecutorService executor, URI uri) {
        this.store = store;
        this.http = http;
        this.executor = executor;
        this.uri = uri;
    }

    /** Returns once the schema topic has been read to its end and the HTTP port is serving. */
    public static SchemaRegistryServer start(SchemaRegistryConfig config) {
        RegistryState state = new RegistryState();
        KafkaSchemaStore store = KafkaSchemaStore.open(config, state);
        SchemaRegistry registry = new SchemaRegistry(state, store::append, config.defaultCompatibility(), config.limits());
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        } catch (IOException e) {
            store.close();
            executor.close();
            throw new UncheckedIOException("Cannot listen on host=" + config.host() + " port=" + config.port(), e);
        }
        http.createContext("/", new RegistryHttpHandler(registry, config.maxRequestBytes(), config.writeCredentials()));
        http.setExecutor(executor);
        http.start();
        InetSocketAddress bound = http.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getAddress().getHostAddress();
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort());
        LOG.info("Schema registry serving {} from topic {}", uri, config.topic());
        return new SchemaRegistryServer(store, http, executor, uri);
    }

    /** Where clients reach the registry, e.g. http://127.0.0.1:8081 (a wildcard bind reports localhost). */
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        http.stop(0);
        // closing the store first releases handlers waiting on a write, so the executor drains quickly
        store.close();
        executor.close();
    }
}
