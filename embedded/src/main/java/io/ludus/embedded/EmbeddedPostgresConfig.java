package io.ludus.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of an {@link EmbeddedPostgres}.
 *
 * @param dataDirectory     the cluster's data directory; initialised once and kept across restarts (required)
 * @param binariesDirectory where the PostgreSQL binaries are extracted, shareable between instances
 *                          (default {@code <java.io.tmpdir>/ludus-postgres-binaries})
 * @param port              TCP port on localhost, 0 = a free port (default 0)
 * @param serverSettings    extra {@code postgresql.conf} settings, applied last so they win (default none)
 * @param superuserPassword password of superuser {@code postgres}; when set, every connection authenticates
 *                          with SCRAM, and a data directory that still trusts local users is converted. Default
 *                          none: trust authentication, for throwaway test clusters only
 */
public record EmbeddedPostgresConfig(Path dataDirectory, Path binariesDirectory, int port,
                                     Map<String, String> serverSettings, String superuserPassword) {

    public EmbeddedPostgresConfig {
        if (dataDirectory == null) {
            throw new IllegalArgumentException("dataDirectory must be set");
        }
        if (binariesDirectory == null) {
            throw new IllegalArgumentException("binariesDirectory must be set");
        }
        Ports.requireValid("port", port);
        serverSettings = Map.copyOf(Objects.requireNonNullElse(serverSettings, Map.of()));
        if (superuserPassword != null && superuserPassword.length() < 16) {
            throw new IllegalArgumentException("superuserPassword must be at least 16 characters");
        }
    }

    public EmbeddedPostgresConfig withSuperuserPassword(String password) {
        return new EmbeddedPostgresConfig(dataDirectory, binariesDirectory, port, serverSettings, password);
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresConfig[dataDirectory=" + dataDirectory + ", binariesDirectory=" + binariesDirectory
                + ", port=" + port + ", serverSettings=" + serverSettings + ", superuserPassword="
                + (superuserPassword == null ? "none" : "***") + "]";
    }

    public static EmbeddedPostgresConfig of(Path dataDirectory) {
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "ludus-postgres-binaries");
        return new EmbeddedPostgresConfig(dataDirectory, binaries, 0, Map.of(), null);
    }

    public EmbeddedPostgresConfig withBinariesDirectory(Path directory) {
        return new EmbeddedPostgresConfig(dataDirectory, directory, port, serverSettings, superuserPassword);
    }

    public EmbeddedPostgresConfig withPort(int newPort) {
        return new EmbeddedPostgresConfig(dataDirectory, binariesDirectory, newPort, serverSettings, superuserPassword);
    }

    public EmbeddedPostgresConfig withServerSetting(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(serverSettings);
        merged.put(key, value);
        return new EmbeddedPostgresConfig(dataDirectory, binariesDirectory, port, merged, superuserPassword);
    }
}
