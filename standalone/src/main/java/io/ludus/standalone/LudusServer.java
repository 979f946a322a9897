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
import io.ludus.service.ServiceMain;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
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
    static final String OPERATOR_PASSWORD_KEY = "ludus.management.password";
    /** Under {@code <data-dir>/secrets/}: the operator password for the admin dashboard (user {@code operator}). */
    static final String OPERATOR_PASSWORD_FILE = "operator-password";

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private EmbeddedKafka kafka;
    private SchemaRegistryServer registry;
    private EmbeddedPostgres postgres;
    private ApplicationContext services;
    private final DataDirectory.Lock lock;
    private final OutboxRelayHealth relayHealth = new OutboxRelayHealth();
    private URI httpUri;

    private LudusServer(DataDirectory.Lock lock) {
        this.lock = lock;
    }

    public static void main(String[] args) {
        StandaloneConfig config;
        try {
            config = StandaloneConfig.parse(args, System.getenv());
        } catch (StandaloneConfig.HelpRequested help) {
            System.out.print(StandaloneConfig.help());
            return;
        } catch (InvalidConfigurationException e) {
            System.err.println("ludus: " + e.getMessage());
            System.exit(ExitCode.BAD_CONFIGURATION.status());
            return;
        }
        LudusServer server;
        try {
            server = start(config, System.out, true);
        } catch (CannotStartException e) {
            System.err.println("ludus: " + e.getMessage());
            System.exit(e.exitCode().status());
            return;
        } catch (RuntimeException e) {
            String bad = ServiceMain.badSetting(e);
            if (bad != null) {
                // a service's setting (ludus.queues.*, ludus.ingress.*...), named by key like the server's own
                log.error("Invalid configuration: {}", bad);
                System.err.println("ludus: invalid configuration: " + bad);
                System.exit(ExitCode.BAD_CONFIGURATION.status());
                return;
            }
            // one line here; the stack trace goes to the log file
            log.error("Startup failed", e);
            System.err.println("ludus: startup failed: " + oneLine(e) + " (details in the newest log file in "
                    + config.dataDir().resolve("logs") + ")");
            System.exit(ExitCode.STARTUP_FAILED.status());
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ludus-shutdown").unstarted(() -> {
            StartupPlan.line(System.out, "Ludus is shutting down...");
            server.close();
            StartupPlan.line(System.out, "Ludus stopped.");
        }));
        server.awaitStop();
    }

    /** Starts everything (see {@link #start(StandaloneConfig, PrintStream, boolean)}), logging as the caller configured. */
    public static LudusServer start(StandaloneConfig config, PrintStream out) {
        return start(config, out, false);
    }

    /**
     * Checks and locks the data directory, checks the ports, then starts everything; on failure,
     * stops what already started and rethrows. A host-fixable problem is a
     * {@link CannotStartException}. With {@code logFiles}, this run logs to a file under
     * {@code <data-dir>/logs/} (the process-wide logging setup, so only for the real server).
     */
    static LudusServer start(StandaloneConfig config, PrintStream out, boolean logFiles) {
        DataDirectory.prepare(config.dataDir());
        DataDirectory.Lock lock = DataDirectory.lock(config.dataDir());
        LudusServer server = new LudusServer(lock);
        try {
            Path logFile = logFiles ? LogFiles.start(config.dataDir().resolve("logs"), config.verbose()) : null;
            // a server killed with -9 leaves its PostgreSQL running on the old port: stop it before checking ports
            EmbeddedPostgres.stopOrphan(config.dataDir().resolve("postgres"));
            PortCheck.requireFree(config, LOOPBACK);
            server.startAll(config, out, logFile);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void startAll(StandaloneConfig config, PrintStream out, Path logFile) {
        long begin = System.nanoTime();
        Path data = config.dataDir();
        ServerRecord record = new ServerRecord(ProcessHandle.current().pid(), System.currentTimeMillis(), logFile);
        lock.writeRecord(record.toProperties());
        StartupPlan.line(out, "Starting Ludus standalone (data directory " + data + ")");
        if (logFile != null) {
            StartupPlan.line(out, "Logs: " + logFile);
        }

        StartupPlan plan = new StartupPlan();
        var kafkaStep = plan.step("Kafka broker", List.of(), () -> {
            kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(data.resolve("kafka"))
                    .withHost(LOOPBACK).withPorts(config.kafkaPort(), config.kafkaControllerPort()));
            stopLater(kafka);
            return kafka.bootstrapServers();
        });
        // PostgreSQL does not need Kafka: both start at once
        var postgresStep = plan.step("PostgreSQL", List.of(), () -> {
            Path secrets = data.resolve("secrets");
            postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(data.resolve("postgres"))
                    .withBinariesDirectory(data.resolve("runtime").resolve("postgres-binaries"))
                    .withPort(config.postgresPort())
                    .withSuperuserPassword(Secrets.secret(secrets, "postgres-superuser-password")));
            stopLater(postgres);
            postgres.createDatabaseIfMissing(DATABASE);
            postgres.provisionApplicationRole(DATABASE, APP_ROLE, Secrets.secret(secrets, "postgres-app-password"));
            return postgres.jdbcUrl(DATABASE);
        });
        var registryStep = plan.step("schema registry", List.of(kafkaStep), () -> {
            registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), LOOPBACK,
                    config.registryPort()));
            stopLater(registry);
            return registry.uri().toString();
        });
        var topicsStep = plan.step("topics and schemas", List.of(registryStep), () -> {
            Properties adminProps = new Properties();
            adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin admin = Admin.create(adminProps);
                    SchemaRegistryClient client = new SchemaRegistryClient(registry.uri())) {
                var created = new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).provision(Topics.ALL);
                SchemaRegistration.registerAll(client, Topics.ALL);
                return Topics.ALL.size() + " topics (" + created.size() + " new), schemas registered";
            }
        });
        var servicesStep = plan.step("services (ingress, matchmaker, sim workers, projections, notifier, replay API)", List.of(topicsStep, postgresStep), () -> {
            // Not Micronaut.run: it adds a JVM shutdown hook of its own, which would race (and
            // deadlock with) ours; this server owns the shutdown order.
            services = ApplicationContext.builder()
                    .deduceEnvironment(false)
                    .banner(false)
                    .properties(serviceProperties(config))
                    .singletons(relayHealth)
                    .start();
            stopLater(services);
            EmbeddedServer http = services.getBean(EmbeddedServer.class).start();
            httpUri = http.getURI();
            return httpUri.toString();
        });
        // after the services: their Flyway migrations create the outbox table it publishes
        plan.step("outbox relay (PostgreSQL outbox to Kafka)", List.of(servicesStep), () -> {
            try {
                Files.createDirectories(data.resolve("outbox"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + data.resolve("outbox"), e);
            }
            OutboxRelay relay = OutboxRelay.start(OutboxRelayConfig.of("localhost", postgres.port(), DATABASE,
                    APP_ROLE, Secrets.secret(data.resolve("secrets"), "postgres-app-password"), kafka.bootstrapServers(),
                    data.resolve("outbox").resolve("offsets.dat")));
            stopLater(relay);
            relayHealth.attach(relay);
            relay.bindTo(services.getBean(io.micrometer.core.instrument.MeterRegistry.class));
            return "slot " + OutboxRelayConfig.DEFAULT_SLOT + " streaming";
        });
        plan.run(out);

        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("HTTP API", httpUri.toString());
        urls.put("WebSocket", webSocketUri().toString());
        urls.put("health", httpUri.resolve("/health").toString());
        urls.put("admin", httpUri.resolve("/admin").toString());
        urls.put("Kafka", kafka.bootstrapServers());
        urls.put("registry", registry.uri().toString());
        urls.put("PostgreSQL", postgres.jdbcUrl(DATABASE));
        urls.forEach((label, url) -> StartupPlan.line(out, String.format("  %-13s %s", label, url)));
        StartupPlan.line(out, "  (admin: user operator, password in " + data.resolve("secrets").resolve(OPERATOR_PASSWORD_FILE)
                + " unless " + OPERATOR_PASSWORD_KEY + " is set)");
        lock.writeRecord(record.ready(urls).toProperties());
        StartupPlan.line(out, String.format("Ludus is ready in %.1f s", (System.nanoTime() - begin) / 1e9));
    }

    private static String oneLine(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString().replace('\n', ' ');
    }

    private void stopLater(AutoCloseable resource) {
        synchronized (running) {
            running.push(resource);
        }
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
        // the read models live in their own schemas of the same database, through their own pool
        p.put("datasources.projections.url", postgres.jdbcUrl(DATABASE));
        p.put("datasources.projections.username", APP_ROLE);
        p.put("datasources.projections.password", Secrets.secret(config.dataDir().resolve("secrets"), "postgres-app-password"));
        p.put("datasources.projections.driver-class-name", "org.postgresql.Driver");
        // one instance: a standby copy of the matchmaker's state has nowhere to go (Streams would warn on every rebalance)
        p.put("ludus.matchmaker.standby-replicas", 0);
        Path streams = config.dataDir().resolve("streams");
        p.put("ludus.projections.ratings.state-dir", streams.toString());
        p.put("ludus.projections.social.state-dir", streams.toString());
        Path secrets = config.dataDir().resolve("secrets");
        p.put("micronaut.security.token.jwt.signatures.secret.generator.secret", Secrets.secret(secrets, "jwt-secret"));
        p.put("ludus.tokens.keyring-file", secrets.resolve(AdminCommand.KEYRING).toString());
        if (!config.auth().isEmpty()) {
            p.put("ludus.ingress.auth.modes", config.auth());
        }
        if (!config.trustedProxies().isEmpty()) {
            p.put("ludus.ingress.auth.trusted-proxies", config.trustedProxies());
        }
        if (config.httpPort() != 0) {
            // The replay and projections APIs run in this same server: queries come back to it.
            boolean wildcard = config.bind().equals("0.0.0.0") || config.bind().equals("::");
            String self = wildcard ? "127.0.0.1" : config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
            p.put("ludus.ingress.queries.replay-api-url", "http://" + self + ":" + config.httpPort());
            p.put("ludus.ingress.queries.projections-url", "http://" + self + ":" + config.httpPort());
        }
        if (!config.steamAppId().isEmpty()) {
            p.put("ludus.ingress.steam.app-id", config.steamAppId());
            p.put("ludus.ingress.steam.web-api-key", config.steamWebApiKey());
        }
        p.put("ludus.replay.share.secret", Secrets.secret(secrets, "replay-share-secret"));
        if (System.getProperty(OPERATOR_PASSWORD_KEY) == null && System.getenv("LUDUS_MANAGEMENT_PASSWORD") == null) {
            // the operator's credential for the admin dashboard and metrics, unless the operator set one
            p.put(OPERATOR_PASSWORD_KEY, Secrets.secret(secrets, OPERATOR_PASSWORD_FILE));
        }
        p.put("ludus.replay.store", "fs");
        p.put("ludus.replay.fs.directory", config.dataDir().resolve("replays").toString());
        p.put("ludus.sim.threads", config.effectiveSimThreads());
        // one worker per standalone server: a fixed id lets a restart take over its partitions at
        // once and abort whatever transaction a crash left open
        p.put("ludus.sim.instance-id", "standalone");
        p.put("ludus.matchmaker.state-dir", config.dataDir().resolve("matchmaker").toString());
        p.put("ludus.notifier.state-dir", config.dataDir().resolve("notifier").toString());
        return p;
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

    /**
     * Stops in reverse start order: services first (they drain), infrastructure last; then releases
     * the data directory.
     */
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
        if (stopped.getCount() > 0) {
            lock.close();
        }
        stopped.countDown();
    }
}
