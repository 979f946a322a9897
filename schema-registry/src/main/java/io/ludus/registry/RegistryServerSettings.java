package io.ludus.registry;

import io.ludus.service.InvalidSettingException;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Settings under {@code ludus.registry.server}, read by {@link SchemaRegistryMain}; the Kafka cluster that keeps the
 * schemas is {@code ludus.kafka.bootstrap-servers}.
 *
 * @param host          address the registry binds to; a non-loopback one needs the write credentials
 * @param port          HTTP port, 0 to 65535 (0: any free port)
 * @param writeUser     HTTP Basic user that writes (registering schemas, changing compatibility) need; unset: writes
 *                      are open, which only a loopback host allows. Set together with write-password
 * @param writePassword its password
 * @param maxSubjects   subjects the registry keeps at most
 * @param maxVersions   versions per subject it keeps at most
 */
@ConfigurationProperties("ludus.registry.server")
public record RegistryServerSettings(
        @Bindable(defaultValue = "127.0.0.1") String host,
        @Bindable(defaultValue = "8081") int port,
        @Nullable String writeUser,
        @Nullable String writePassword,
        @Bindable(defaultValue = "1000") int maxSubjects,
        @Bindable(defaultValue = "100") int maxVersions) {

    public RegistryServerSettings {
        if (host == null || host.isBlank()) {
            throw new InvalidSettingException("ludus.registry.server.host", "must not be empty");
        }
        host = host.strip();
        if (port < 0 || port > 65535) {
            throw new InvalidSettingException("ludus.registry.server.port", "must be a number from 0 to 65535, was " + port);
        }
        if ((writeUser == null) != (writePassword == null)) {
            throw new InvalidSettingException("ludus.registry.server.write-password",
                    "and ludus.registry.server.write-user must be set together");
        }
        if (writeUser == null && !isLoopback(host)) {
            throw new InvalidSettingException("ludus.registry.server.host", "is " + host + ", reachable from other machines:"
                    + " set ludus.registry.server.write-user and write-password, or bind 127.0.0.1");
        }
        if (maxSubjects < 1) {
            throw new InvalidSettingException("ludus.registry.server.max-subjects", "must be a positive number, was " + maxSubjects);
        }
        if (maxVersions < 1) {
            throw new InvalidSettingException("ludus.registry.server.max-versions", "must be a positive number, was " + maxVersions);
        }
    }

    SchemaRegistryConfig config(String bootstrapServers) {
        SchemaRegistryConfig.WriteCredentials credentials;
        try {
            credentials = writeUser == null ? null : new SchemaRegistryConfig.WriteCredentials(writeUser, writePassword);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("ludus.registry.server.write-user", e.getMessage());
        }
        SchemaRegistryConfig.Limits limits = new SchemaRegistryConfig.Limits(maxSubjects, maxVersions,
                SchemaRegistryConfig.Limits.DEFAULT.maxSchemaBytes());
        return SchemaRegistryConfig.of(bootstrapServers, host, port).withLimits(limits).withWriteCredentials(credentials);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
