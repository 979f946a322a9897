package io.ludus.outbox.service;

import io.ludus.outbox.OutboxRelayConfig;
import io.ludus.service.InvalidSettingException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings under {@code ludus.outbox}, read by {@link io.ludus.outbox.OutboxRelayMain} (the standalone server runs its
 * relay from its own settings).
 *
 * @param enabled         run the relay in this process; OutboxRelayMain sets it
 * @param host            PostgreSQL host holding the outbox table
 * @param port            PostgreSQL port
 * @param database        database holding the outbox table
 * @param user            replication-capable user
 * @param password        its password; unset: none
 * @param slotName        logical replication slot, shared by every relay instance of one database
 * @param publicationName publication of the outbox table
 * @param offsetsFile     Debezium offsets file; instances on one host may share it (only the one holding the slot writes)
 * @param standbyRetry    how often a standby instance (the slot is held by another) or a failed one tries to start again
 * @param deliveryTimeout how long a record may wait for Kafka before its batch fails and the engine restarts
 */
@ConfigurationProperties("ludus.outbox")
public record OutboxRelaySettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "localhost") String host,
        @Bindable(defaultValue = "5432") int port,
        @Bindable(defaultValue = "ludus") String database,
        @Bindable(defaultValue = "ludus_app") String user,
        @Nullable String password,
        @Bindable(defaultValue = OutboxRelayConfig.DEFAULT_SLOT) String slotName,
        @Bindable(defaultValue = OutboxRelayConfig.DEFAULT_PUBLICATION) String publicationName,
        @Bindable(defaultValue = "data/outbox/offsets.dat") Path offsetsFile,
        @Bindable(defaultValue = "5s") Duration standbyRetry,
        @Bindable(defaultValue = "120s") Duration deliveryTimeout) {

    public OutboxRelaySettings {
        if (port < 1 || port > 65535) {
            throw new InvalidSettingException("ludus.outbox.port", "must be 1..65535, was " + port);
        }
        if (!slotName.matches("[a-z0-9_]{1,63}")) {
            throw new InvalidSettingException("ludus.outbox.slot-name", "must match [a-z0-9_]{1,63}, was " + slotName);
        }
        if (standbyRetry.isNegative() || standbyRetry.isZero()) {
            throw new InvalidSettingException("ludus.outbox.standby-retry", "must be positive, was " + standbyRetry);
        }
        if (deliveryTimeout.toMillis() < 100) {
            throw new InvalidSettingException("ludus.outbox.delivery-timeout", "must be at least 100ms, was " + deliveryTimeout);
        }
    }

    OutboxRelayConfig relayConfig(String bootstrapServers) {
        return OutboxRelayConfig.of(host, port, database, user, password, bootstrapServers, offsetsFile)
                .withSlotAndPublication(slotName, publicationName).withDeliveryTimeout(deliveryTimeout);
    }
}
