package io.ludus.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the registry server.
 *
 * @param bootstrapServers Kafka bootstrap servers holding the schema topic; required.
 * @param host address the HTTP server binds to, e.g. 127.0.0.1 or 0.0.0.0; required.
 * @param port HTTP port; 0 picks a free one (see {@link SchemaRegistryServer#uri()}).
 * @param topic compacted single-partition topic holding all registry state; default {@code _schemas}.
 * @param defaultCompatibility compatibility when neither global nor subject config is set; default BACKWARD.
 * @param maxRequestBytes largest accepted request body; default 512 KiB, so a record stays under Kafka's 1 MB.
 * @param initTimeout how long start waits for Kafka and for reading the topic to its end; default 60 s.
 * @param writeTimeout how long a write waits for Kafka's ack and for the reader to apply it; default 30 s.
 * @param limits what the registry keeps in memory at most; default {@link Limits#DEFAULT}.
 * @param writeCredentials HTTP Basic user and password that writes (register, delete, config) need;
 *        default none: writes are open, which only a loopback bind may allow.
 */
public record SchemaRegistryConfig(
        String bootstrapServers,
        String host,
        int port,
        String topic,
        CompatibilityLevel defaultCompatibility,
        int maxRequestBytes,
        Duration initTimeout,
        Duration writeTimeout,
        Limits limits,
        WriteCredentials writeCredentials) {

    /**
     * @param maxSubjects subjects kept, soft-deleted ones included; default 1,000.
     * @param maxVersionsPerSubject versions kept per subject, soft-deleted ones included; default 100.
     * @param maxSchemaBytes characters of distinct schemas kept; default 64 Mi.
     */
    public record Limits(int maxSubjects, int maxVersionsPerSubject, long maxSchemaBytes) {
        public static final Limits DEFAULT = new Limits(1_000, 100, 64L << 20);

        public Limits {
            if (maxSubjects < 1 || maxVersionsPerSubject < 1 || maxSchemaBytes < 1) {
                throw new IllegalArgumentException("registry limits must be positive, were " + maxSubjects + ", "
                        + maxVersionsPerSubject + ", " + maxSchemaBytes);
            }
        }
    }

    /** HTTP Basic credentials for writes. */
    public record WriteCredentials(String user, String password) {
        public static final int MIN_PASSWORD_CHARS = 16;

        public WriteCredentials {
            if (user == null || user.isBlank() || user.contains(":")) {
                throw new IllegalArgumentException("write user must be non-blank and contain no ':'");
            }
            if (password == null || password.length() < MIN_PASSWORD_CHARS) {
                throw new IllegalArgumentException("write password must be at least " + MIN_PASSWORD_CHARS + " characters");
            }
        }

        @Override
        public String toString() {
            return "WriteCredentials[user=" + user + ", password=***]";
        }
    }

    public static final String DEFAULT_TOPIC = "_schemas";
    public static final CompatibilityLevel DEFAULT_COMPATIBILITY = CompatibilityLevel.BACKWARD;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 512 * 1024;
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    public SchemaRegistryConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be empty");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        Objects.requireNonNull(defaultCompatibility, "defaultCompatibility must not be null");
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be at least 1024, was " + maxRequestBytes);
        }
        if (initTimeout == null || initTimeout.isNegative() || initTimeout.isZero()) {
            throw new IllegalArgumentException("initTimeout must be positive");
        }
        if (writeTimeout == null || writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("writeTimeout must be positive");
        }
        Objects.requireNonNull(limits, "limits must not be null");
    }

    public static SchemaRegistryConfig of(String bootstrapServers, String host, int port) {
        return new SchemaRegistryConfig(bootstrapServers, host, port, DEFAULT_TOPIC, DEFAULT_COMPATIBILITY,
                DEFAULT_MAX_REQUEST_BYTES, DEFAULT_INIT_TIMEOUT, DEFAULT_WRITE_TIMEOUT, Limits.DEFAULT, null);
    }

    public SchemaRegistryConfig withTopic(String newTopic) {
        return new SchemaRegistryConfig(bootstrapServers, host, port, newTopic, defaultCompatibility,
                maxRequestBytes, initTimeout, writeTimeout, limits, writeCredentials);
    }

    public SchemaRegistryConfig withLimits(Limits newLimits) {
        return new SchemaRegistryConfig(bootstrapServers, host, port, topic, defaultCompatibility,
                maxRequestBytes, initTimeout, writeTimeout, newLimits, writeCredentials);
    }

    public SchemaRegistryConfig withWriteCredentials(WriteCredentials credentials) {
        return new SchemaRegistryConfig(bootstrapServers, host, port, topic, defaultCompatibility,
                maxRequestBytes, initTimeout, writeTimeout, limits, credentials);
    }
}
