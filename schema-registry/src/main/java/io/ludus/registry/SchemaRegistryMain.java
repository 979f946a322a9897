package io.ludus.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the registry as its own process. Settings come from flags or, failing that, environment variables:
 * {@code --kafka-bootstrap} / LUDUS_KAFKA_BOOTSTRAP (default localhost:9092), {@code --host} /
 * LUDUS_REGISTRY_HOST (default 0.0.0.0), {@code --port} / LUDUS_REGISTRY_PORT (default 8081).
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
                        + "'; use --kafka-bootstrap=..., --host=..., --port=...");
            }
            String[] parts = arg.substring(2).split("=", 2);
            if (!Map.of("kafka-bootstrap", 0, "host", 0, "port", 0).containsKey(parts[0])) {
                throw new IllegalArgumentException("unknown flag --" + parts[0]);
            }
            flags.put(parts[0], parts[1]);
        }
        String bootstrap = setting(flags, env, "kafka-bootstrap", "LUDUS_KAFKA_BOOTSTRAP", "localhost:9092");
        String host = setting(flags, env, "host", "LUDUS_REGISTRY_HOST", "0.0.0.0");
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
        return SchemaRegistryConfig.of(bootstrap.trim(), host.trim(), port);
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
