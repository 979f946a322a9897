package io.ludus.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the registry as its own process. Settings come from flags or, failing that, environment variables:
 * {@code --kafka-bootstrap} / LUDUS_KAFKA_BOOTSTRAP (default localhost:9092), {@code --host} /
 * LUDUS_REGISTRY_HOST (default 127.0.0.1), {@code --port} / LUDUS_REGISTRY_PORT (default 8081),
 * {@code --write-user} / LUDUS_REGISTRY_WRITE_USER and {@code --write-password} / LUDUS_REGISTRY_WRITE_PASSWORD
 * (HTTP Basic credentials that writes need; default none, allowed only on a loopback host),
 * {@code --max-subjects} / LUDUS_REGISTRY_MAX_SUBJECTS (default 1000), {@code --max-versions} /
 * LUDUS_REGISTRY_MAX_VERSIONS (per subject, default 100).
 */
public final class SchemaRegistryMain {
    private SchemaRegistryMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SchemaRegistryConfig config;
        try {
            config = configFrom(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        SchemaRegistryServer server;
        try {
            server = SchemaRegistryServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("Schema registry failed to start (LUDUS_KAFKA_BOOTSTRAP="
                    + config.bootstrapServers() + ", LUDUS_REGISTRY_HOST=" + config.host() + ", LUDUS_REGISTRY_PORT="
                    + config.port() + "): " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("Schema registry listening on " + server.uri());
        stopped.await();
    }

    static SchemaRegistryConfig configFrom(String[] args, Map<String, String> env) {
        Map<String, String> flags = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unrecognised argument '" + arg
                        + "'; use --kafka-bootstrap=..., --host=..., --port=..., --write-user=..., --write-password=...,"
                        + " --max-subjects=..., --max-versions=...");
            }
            String[] parts = arg.substring(2).split("=", 2);
            if (!FLAGS.contains(parts[0])) {
                throw new IllegalArgumentException("unknown flag --" + parts[0]);
            }
            flags.put(parts[0], parts[1]);
        }
        String bootstrap = setting(flags, env, "kafka-bootstrap", "LUDUS_KAFKA_BOOTSTRAP", "localhost:9092");
        String host = setting(flags, env, "host", "LUDUS_REGISTRY_HOST", "127.0.0.1");
        String portText = setting(flags, env, "port", "LUDUS_REGISTRY_PORT", "8081");
        if (bootstrap.isBlank()) {
            throw new IllegalArgumentException("LUDUS_KAFKA_BOOTSTRAP (--kafka-bootstrap) must not be empty");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("LUDUS_REGISTRY_HOST (--host) must not be empty");
        }
        int port;
        try {
            port = Integer.parseInt(portText.trim());
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("LUDUS_REGISTRY_PORT (--port) must be a number from 0 to 65535, was '"
                    + portText + "'");
        }
        String writeUser = setting(flags, env, "write-user", "LUDUS_REGISTRY_WRITE_USER", null);
        String writePassword = setting(flags, env, "write-password", "LUDUS_REGISTRY_WRITE_PASSWORD", null);
        SchemaRegistryConfig.WriteCredentials credentials = null;
        if (writeUser != null || writePassword != null) {
            if (writeUser == null || writePassword == null) {
                throw new IllegalArgumentException("LUDUS_REGISTRY_WRITE_USER (--write-user) and LUDUS_REGISTRY_WRITE_PASSWORD"
                        + " (--write-password) must be set together");
            }
            try {
                credentials = new SchemaRegistryConfig.WriteCredentials(writeUser, writePassword);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("LUDUS_REGISTRY_WRITE_USER / LUDUS_REGISTRY_WRITE_PASSWORD: " + e.getMessage());
            }
        }
        if (credentials == null && !isLoopback(host.trim())) {
            throw new IllegalArgumentException("LUDUS_REGISTRY_HOST (--host) is " + host.trim() + ", reachable from other"
                    + " machines: set LUDUS_REGISTRY_WRITE_USER and LUDUS_REGISTRY_WRITE_PASSWORD, or bind 127.0.0.1");
        }
        SchemaRegistryConfig.Limits defaults = SchemaRegistryConfig.Limits.DEFAULT;
        SchemaRegistryConfig.Limits limits = new SchemaRegistryConfig.Limits(
                positive(setting(flags, env, "max-subjects", "LUDUS_REGISTRY_MAX_SUBJECTS", Integer.toString(defaults.maxSubjects())),
                        "LUDUS_REGISTRY_MAX_SUBJECTS (--max-subjects)"),
                positive(setting(flags, env, "max-versions", "LUDUS_REGISTRY_MAX_VERSIONS", Integer.toString(defaults.maxVersionsPerSubject())),
                        "LUDUS_REGISTRY_MAX_VERSIONS (--max-versions)"),
                defaults.maxSchemaBytes());
        return SchemaRegistryConfig.of(bootstrap.trim(), host.trim(), port).withLimits(limits).withWriteCredentials(credentials);
    }

    private static final java.util.Set<String> FLAGS = java.util.Set.of("kafka-bootstrap", "host", "port", "write-user",
            "write-password", "max-subjects", "max-versions");

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static int positive(String text, String name) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive number, was '" + text + "'");
    }

    private static String setting(Map<String, String> flags, Map<String, String> env, String flag, String variable,
            String fallback) {
        String value = flags.get(flag);
        if (value == null) {
            value = env.get(variable);
        }
        return value == null ? fallback : value;
    }
}
