package io.ludus.standalone;

import io.ludus.embedded.EmbeddedKafka;
import io.ludus.embedded.EmbeddedKafkaConfig;
import io.ludus.embedded.EmbeddedPostgres;
import io.ludus.embedded.EmbeddedPostgresConfig;
import io.ludus.events.registry.SchemaRegistration;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.Topics;
import io.ludus.outbox.OutboxRelay;
import io.ludus.outbox.OutboxRelayConfig;
import io.ludus.registry.SchemaRegistryConfig;
import io.ludus.registry.SchemaRegistryServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-process Ludus server: embedded Kafka, schema registry and PostgreSQL, then every
 * service in one Micronaut context. Infrastructure listens on loopback only; {@code --bind} applies
 * to the client-facing HTTP server.
 */
public final class LudusServer implements AutoCloseable {

    static final String DATABASE = "ludus";
    /** The role the services and the outbox relay connect as: owns the app's schema, is no superuser. */
    static final String APP_ROLE = "ludus_app";
    private static final Logger log = LoggerFactory.getLogger(LudusServer.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final int STEPS = 6;

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EmbeddedKafka kafka;
    private SchemaRegistryServer registry;
    private EmbeddedPostgres postgres;
    private ApplicationContext services;
    private final OutboxRelayHealth relayHealth = new OutboxRelayHealth();
    private URI httpUri;

    private LudusServer() {}

    public static void main(String[] args) {
        StandaloneConfig config;
        try {
            config = StandaloneConfig.parse(args, System.getenv());
            config.checkDataDirWritable();
        } catch (StandaloneConfig.HelpRequested help) {
            System.out.print(StandaloneConfig.help());
            return;
        } catch (InvalidConfigurationException e) {
            System.err.println("ludus: " + e.getMessage());
            System.exit(2);
            return;
        }
        LudusServer server;
        try {
            server = start(config, System.out);
        } catch (RuntimeException e) {
            System.err.println("ludus: startup failed: " + e.getMessage());
            log.error("Startup failed", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ludus-shutdown").unstarted(() -> {
            System.out.println("Ludus is shutting down...");
            System.out.flush();
            server.close();
            System.out.println("Ludus stopped.");
            System.out.flush();
        }));
        server.awaitStop();
    }

    /** Starts everything in order; on failure, stops what already started and rethrows. */
    public static LudusServer start(StandaloneConfig config, PrintStream out) {
        LudusServer server = new LudusServer();
        try {
            server.startAll(config, out);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void startAll(StandaloneConfig config, PrintStream out) {
        long begin = System.nanoTime();
        Path data = config.dataDir();
        out.printf("Starting Ludus standalone (data directory %s)%n", data);

        step(out, 1, "Kafka broker", () -> {
            kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(data.resolve("kafka"))
                    .withHost(LOOPBACK).withPorts(config.kafkaPort(), config.kafkaControllerPort()));
            running.push(kafka);
            return kafka.bootstrapServers();
        });
        step(out, 2, "schema registry", () -> {
            registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), LOOPBACK,
                    config.registryPort()));
            running.push(registry);
            return registry.uri().toString();
        });
        step(out, 3, "PostgreSQL", () -> {
            Path secrets = data.resolve("secrets");
            postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(data.resolve("postgres"))
                    .withBinariesDirectory(data.resolve("runtime").resolve("postgres-binaries"))
                    .withPort(config.postgresPort())
                    .withSuperuserPassword(Secrets.secret(secrets, "postgres-superuser-password")));
            running.push(postgres);
            postgres.createDatabaseIfMissing(DATABASE);
            postgres.provisionApplicationRole(DATABASE, APP_ROLE, Secrets.secret(secrets, "postgres-app-password"));
            return postgres.jdbcUrl(DATABASE);
        });
        step(out, 4, "topics and schemas", () -> {
            Properties adminProps = new Properties();
            adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin admin = Admin.create(adminProps);
                    SchemaRegistryClient client = new SchemaRegistryClient(registry.uri())) {
                var created = new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).provision(Topics.ALL);
                SchemaRegistration.registerAll(client, Topics.ALL);
                return Topics.ALL.size() + " topics (" + created.size() + " new), schemas registered";
            }
        });
        step(out, 5, "services (ingress, replay API, sim workers)", () -> {
            // Not Micronaut.run: it adds a JVM shutdown hook of its own, which would race (and
            // deadlock with) ours; this server owns the shutdown order.
            services = ApplicationContext.builder()
                    .deduceEnvironment(false)
                    .banner(false)
                    .properties(serviceProperties(config))
                    .singletons(relayHealth)
                    .start();
            running.push(services);
            EmbeddedServer http = services.getBean(EmbeddedServer.class).start();
            httpUri = http.getURI();
            return httpUri.toString();
        });

        step(out, 6, "outbox relay (PostgreSQL outbox to Kafka)", () -> {
            // after the services: their Flyway migrations create the outbox table it publishes
            try {
                java.nio.file.Files.createDirectories(data.resolve("outbox"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot create " + data.resolve("outbox"), e);
            }
            OutboxRelay relay = OutboxRelay.start(OutboxRelayConfig.of("localhost", postgres.port(), DATABASE,
                    APP_ROLE, Secrets.secret(data.resolve("secrets"), "postgres-app-password"), kafka.bootstrapServers(),
                    data.resolve("outbox").resolve("offsets.dat")));
            running.push(relay);
            relayHealth.attach(relay);
            relay.bindTo(services.getBean(io.micrometer.core.instrument.MeterRegistry.class));
            return "slot " + OutboxRelayConfig.DEFAULT_SLOT + " streaming";
        });

        out.printf("  HTTP API      %s%n", httpUri);
        out.printf("  WebSocket     %s%n", webSocketUri());
        out.printf("  health        %s%n", httpUri.resolve("/health"));
        out.printf("  Kafka         %s%n", kafka.bootstrapServers());
        out.printf("  registry      %s%n", registry.uri());
        out.printf("  PostgreSQL    %s%n", postgres.jdbcUrl(DATABASE));
        out.printf("Ludus is ready in %.1f s%n", (System.nanoTime() - begin) / 1e9);
        out.flush();
    }

    private Map<String, Object> serviceProperties(StandaloneConfig config) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("micronaut.server.host", config.bind());
        p.put("micronaut.server.port", config.httpPort());
        p.put("ludus.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("ludus.registry.url", registry.uri().toString());
        p.put("datasources.default.url", postgres.jdbcUrl(DATABASE));
        p.put("datasources.default.username", APP_ROLE);
        p.put("datasources.default.password", Secrets.secret(config.dataDir().resolve("secrets"), "postgres-app-password"));
        p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        Path secrets = config.dataDir().resolve("secrets");
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", Secrets.secret(secrets, "jwt-secret"));
        p.put("ludus.replay.share.secret", Secrets.secret(secrets, "replay-share-secret"));
        p.put("ludus.replay.store", "fs");
        p.put("ludus.replay.fs.directory", config.dataDir().resolve("replays").toString());
        p.put("ludus.sim.threads", config.effectiveSimThreads());
        // one worker per standalone server: a fixed id lets a restart take over its partitions at
        // once and abort whatever transaction a crash left open
        p.put("ludus.sim.instance-id", "standalone");
        return p;
    }

    private static void step(PrintStream out, int n, String what, java.util.function.Supplier<String> action) {
        out.printf("[%d/%d] %s...%n", n, STEPS, what);
        out.flush();
        long t0 = System.nanoTime();
        String detail = action.get();
        out.printf("[%d/%d] %s ready in %.1f s: %s%n", n, STEPS, what, (System.nanoTime() - t0) / 1e9, detail);
        out.flush();
    }

    public URI httpUri() {
        return httpUri;
    }

    public URI webSocketUri() {
        return URI.create("ws://" + httpUri.getHost() + ":" + httpUri.getPort() + "/v1/ws");
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public URI registryUri() {
        return registry.uri();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    public ApplicationContext services() {
        return services;
    }

    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops in reverse start order: services first (they drain), infrastructure last. */
    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            AutoCloseable c = running.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("Error while stopping {}", c.getClass().getSimpleName(), e);
            }
        }
        stopped.countDown();
    }
}
