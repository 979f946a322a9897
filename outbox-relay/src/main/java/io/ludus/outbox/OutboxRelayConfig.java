package io.ludus.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the standalone outbox relay.
 *
 * @param host            PostgreSQL host (required)
 * @param port            PostgreSQL port (required, 1..65535)
 * @param database        database holding the outbox table (required)
 * @param user            replication-capable user (required)
 * @param password        password; empty for none
 * @param slotName        replication slot, default {@code ludus_outbox}
 * @param publicationName publication, default {@code ludus_outbox}
 * @param bootstrapServers Kafka bootstrap servers (required)
 * @param offsetsFile     Debezium offsets file; standalone keeps it under its data directory (required)
 * @param table           outbox table, default {@code public.outbox}
 * @param startTimeout    how long {@link OutboxRelay#start} waits for the slot to become active, default 60 s
 * @param deliveryTimeout how long a record may wait for Kafka before its batch fails and the engine restarts,
 *                        default 120 s (Kafka's own default)
 */
public record OutboxRelayConfig(String host, int port, String database, String user, String password,
                                String slotName, String publicationName, String bootstrapServers,
                                Path offsetsFile, String table, Duration startTimeout, Duration deliveryTimeout) {

    public static final String DEFAULT_SLOT = "ludus_outbox";
    public static final String DEFAULT_PUBLICATION = "ludus_outbox";
    public static final String DEFAULT_TABLE = "public.outbox";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(120);

    public OutboxRelayConfig {
        host = required("host", host);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        database = required("database", database);
        user = required("user", user);
        password = password == null ? "" : password;
        slotName = slotName == null ? DEFAULT_SLOT : slotName;
        if (!slotName.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("slotName must match [a-z0-9_]{1,63}, was " + slotName);
        }
        publicationName = required("publicationName", publicationName == null ? DEFAULT_PUBLICATION : publicationName);
        bootstrapServers = required("bootstrapServers", bootstrapServers);
        Objects.requireNonNull(offsetsFile, "offsetsFile is required");
        table = required("table", table == null ? DEFAULT_TABLE : table);
        startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
        }
        deliveryTimeout = deliveryTimeout == null ? DEFAULT_DELIVERY_TIMEOUT : deliveryTimeout;
        if (deliveryTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("deliveryTimeout must be at least 100 ms, was " + deliveryTimeout);
        }
    }

    /** Config with the default slot, publication, table and start timeout. */
    public static OutboxRelayConfig of(String host, int port, String database, String user, String password,
                                       String bootstrapServers, Path offsetsFile) {
        return new OutboxRelayConfig(host, port, database, user, password, null, null, bootstrapServers,
                offsetsFile, null, null, null);
    }

    public OutboxRelayConfig withSlotAndPublication(String slot, String publication) {
        return new OutboxRelayConfig(host, port, database, user, password, slot, publication, bootstrapServers,
                offsetsFile, table, startTimeout, deliveryTimeout);
    }

    public OutboxRelayConfig withDeliveryTimeout(Duration timeout) {
        return new OutboxRelayConfig(host, port, database, user, password, slotName, publicationName, bootstrapServers,
                offsetsFile, table, startTimeout, timeout);
    }

    @Override
    public String toString() {
        return "OutboxRelayConfig[" + user + "@" + host + ":" + port + "/" + database + ", slot " + slotName
                + ", publication " + publicationName + ", table " + table + ", kafka " + bootstrapServers + "]";
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
