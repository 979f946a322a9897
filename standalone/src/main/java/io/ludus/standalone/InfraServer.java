package io.ludus.standalone;

import io.ludus.embedded.EmbeddedKafka;
import io.ludus.embedded.EmbeddedKafkaConfig;
import io.ludus.embedded.EmbeddedPostgres;
import io.ludus.embedded.EmbeddedPostgresConfig;
import io.ludus.embedded.EmbeddedS3;
import io.ludus.events.registry.SchemaRegistration;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.Topics;
import io.ludus.registry.SchemaRegistryConfig;
import io.ludus.registry.SchemaRegistryServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./ludus infra}: only the infrastructure of a distributed deployment on this machine (Kafka broker, schema
 * registry, PostgreSQL, an S3 server), on one data directory, for service processes started with
 * {@code ./ludus service NAME}. Writes {@code <data-dir>/infra.env}: every address and secret as the environment
 * variables of the configuration model (docs/configuration.md), which the launcher passes to each service.
 */
public final class InfraServer implements AutoCloseable {

    static final String ENV_FILE = "infra.env";
    static final String REPLAY_BUCKET = "replays";
    private static final String LOOPBACK = "127.0.0.1";

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final DataDirectory.Lock lock;
    private final Map<String, String> env = new LinkedHashMap<>();

    private InfraServer(DataDirectory.Lock lock) {
        this.lock = lock;
    }

    /** Ports of the infrastructure; 0 picks any free port (the default: services read the addresses from infra.env). */
    public record Ports(int kafka, int kafkaController, int registry, int postgres, int s3) {
        public static final Ports ANY = new Ports(0, 0, 0, 0, 0);
    }

    public static void main(String[] args) {
        Path dataDir = Path.of("./data-infra");
        int[] ports = new int[5];
        String[] names = {"--kafka-port", "--kafka-controller-port", "--registry-port", "--postgres-port", "--s3-port"};
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--help")) {
                    System.out.println("usage: ./ludus infra [--data-dir DIR (default ./data-infra)] [" + String.join(" N] [", names) + " N]\n"
                            + "Ports default to 0 (any free port); the addresses go to DIR/" + ENV_FILE + ".");
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new InvalidConfigurationException(flag + " needs a value");
                }
                String value = args[++i];
                if (flag.equals("--data-dir")) {
                    dataDir = Path.of(value);
                    continue;
                }
                int index = java.util.Arrays.asList(names).indexOf(flag);
                if (index < 0) {
                    throw new InvalidConfigurationException("unknown option " + flag + " (./ludus infra --help)");
                }
                try {
                    ports[index] = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    ports[index] = -1;
                }
                if (ports[index] < 0 || ports[index] > 65535) {
                    throw new InvalidConfigurationException(flag + " must be a port from 0 to 65535, was '" + value + "'");
                }
            }
        } catch (InvalidConfigurationException e) {
            System.err.println("ludus infra: " + e.getMessage());
            System.exit(ExitCode.BAD_CONFIGURATION.status());
            return;
        }
        InfraServer infra;
        try {
            infra = start(dataDir, new Ports(ports[0], ports[1], ports[2], ports[3], ports[4]), System.out);
        } catch (CannotStartException e) {
            System.err.println("ludus infra: " + e.getMessage());
            System.exit(e.exitCode().status());
            return;
        } catch (RuntimeException e) {
            System.err.println("ludus infra: startup failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(ExitCode.STARTUP_FAILED.status());
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("ludus-infra-shutdown").unstarted(() -> {
            infra.close();
            System.out.println("Ludus infrastructure stopped.");
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts everything, provisions topics and schemas, writes infra.env; on failure stops what started and rethrows. */
    public static InfraServer start(Path dataDir, Ports ports, PrintStream out) {
        DataDirectory.prepare(dataDir);
        DataDirectory.Lock lock = DataDirectory.lock(dataDir);
        InfraServer infra = new InfraServer(lock);
        try {
            infra.startAll(dataDir.toAbsolutePath().normalize(), ports, out);
            return infra;
        } catch (RuntimeException e) {
            infra.close();
            throw e;
        }
    }

    private void startAll(Path data, Ports ports, PrintStream out) {
        long begin = System.nanoTime();
        ServerRecord record = new ServerRecord(ProcessHandle.current().pid(), System.currentTimeMillis(), null);
        lock.writeRecord(record.toProperties());
        out.println("Starting the Ludus infrastructure (data directory " + data + ")");
        Path secrets = data.resolve("secrets");

        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(data.resolve("kafka"))
                .withHost(LOOPBACK).withPorts(ports.kafka(), ports.kafkaController()));
        running.push(kafka);
        String appPassword = Secrets.secret(secrets, "postgres-app-password");
        EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(data.resolve("postgres"))
                .withBinariesDirectory(data.resolve("runtime").resolve("postgres-binaries"))
                .withPort(ports.postgres())
                .withSuperuserPassword(Secrets.secret(secrets, "postgres-superuser-password")));
        running.push(postgres);
        postgres.createDatabaseIfMissing(LudusServer.DATABASE);
        postgres.provisionApplicationRole(LudusServer.DATABASE, LudusServer.APP_ROLE, appPassword);
        SchemaRegistryServer registry = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), LOOPBACK,
                ports.registry()));
        running.push(registry);
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(adminProps); SchemaRegistryClient client = new SchemaRegistryClient(registry.uri())) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).provision(Topics.ALL);
            SchemaRegistration.registerAll(client, Topics.ALL);
        }
        String s3Access = "ludus-" + Secrets.secret(secrets, "s3-access-key").substring(0, 16);
        String s3Secret = Secrets.secret(secrets, "s3-secret-key");
        Path s3Dir = data.resolve("s3");
        mkdirs(s3Dir.resolve(REPLAY_BUCKET));
        EmbeddedS3 s3 = EmbeddedS3.start(s3Dir, LOOPBACK, ports.s3(), s3Access, s3Secret);
        running.push(s3);

        String jdbc = postgres.jdbcUrl(LudusServer.DATABASE);
        env.put("LUDUS_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("LUDUS_REGISTRY_URL", registry.uri().toString());
        for (String source : new String[] {"DEFAULT", "PROJECTIONS"}) {
            env.put("DATASOURCES_" + source + "_URL", jdbc);
            env.put("DATASOURCES_" + source + "_USERNAME", LudusServer.APP_ROLE);
            env.put("DATASOURCES_" + source + "_PASSWORD", appPassword);
            env.put("DATASOURCES_" + source + "_DRIVER_CLASS_NAME", "org.postgresql.Driver");
            // one PostgreSQL (100 connections) for every instance of every service: small pools
            env.put("DATASOURCES_" + source + "_MAXIMUM_POOL_SIZE", "4");
        }
        env.put("LUDUS_OUTBOX_HOST", "localhost");
        env.put("LUDUS_OUTBOX_PORT", Integer.toString(postgres.port()));
        env.put("LUDUS_OUTBOX_DATABASE", LudusServer.DATABASE);
        env.put("LUDUS_OUTBOX_USER", LudusServer.APP_ROLE);
        env.put("LUDUS_OUTBOX_PASSWORD", appPassword);
        env.put("LUDUS_OUTBOX_OFFSETS_FILE", data.resolve("outbox").resolve("offsets.dat").toString());
        env.put("LUDUS_REPLAY_STORE", "s3");
        env.put("LUDUS_REPLAY_S3_BUCKET", REPLAY_BUCKET);
        env.put("LUDUS_REPLAY_S3_ENDPOINT", s3.endpoint().toString());
        env.put("LUDUS_REPLAY_S3_ACCESS_KEY", s3Access);
        env.put("LUDUS_REPLAY_S3_SECRET_KEY", s3Secret);
        env.put("MICRONAUT_SECURITY_TOKEN_JWT_SIGNATURES_SECRET_GENERATOR_SECRET", Secrets.secret(secrets, "jwt-secret"));
        // written by ./ludus admin rotate-signing-key --data-dir DATA; every service that checks tokens re-reads it
        env.put("LUDUS_TOKENS_KEYRING_FILE", secrets.resolve(AdminCommand.KEYRING).toString());
        env.put("LUDUS_REPLAY_SHARE_SECRET", Secrets.secret(secrets, "replay-share-secret"));
        env.put("LUDUS_MANAGEMENT_PASSWORD", Secrets.secret(secrets, LudusServer.OPERATOR_PASSWORD_FILE));
        writeEnvFile(data.resolve(ENV_FILE), env);

        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("Kafka", kafka.bootstrapServers());
        urls.put("registry", registry.uri().toString());
        urls.put("PostgreSQL", jdbc);
        urls.put("S3", s3.endpoint().toString());
        urls.forEach((label, url) -> out.println(String.format("  %-11s %s", label, url)));
        out.println("  environment for services: " + data.resolve(ENV_FILE) + " (./ludus service NAME reads it)");
        lock.writeRecord(record.ready(urls).toProperties());
        out.println(String.format("Ludus infrastructure is ready in %.1f s", (System.nanoTime() - begin) / 1e9));
    }

    /** The variables a service process needs to reach this infrastructure, as written to infra.env. */
    public Map<String, String> serviceEnvironment() {
        return Map.copyOf(env);
    }

    private static void writeEnvFile(Path file, Map<String, String> env) {
        StringBuilder sb = new StringBuilder("# written by ./ludus infra: addresses and secrets for ./ludus service NAME\n");
        env.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        try {
            Path tmp = Files.createTempFile(file.getParent(), ENV_FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, sb.toString());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            AutoCloseable c = running.pop();
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("ludus infra: error while stopping " + c.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        lock.close();
    }
}
