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
 */
public record EmbeddedPostgresConfig(Path dataDirectory, Path binariesDirectory, int port,
                                     Map<String, String> serverSettings) {

    public EmbeddedPostgresConfig {
        if (dataDirectory == null) {
            throw new IllegalArgumentException("dataDirectory must be set");
        }
        if (binariesDirectory == null) {
            throw new IllegalArgumentException("binariesDirectory must be set");
        }
        Ports.requireValid("port", port);
        serverSettings = Map.copyOf(Objects.requireNonNullElse(serverSettings, Map.of()));
    }

    public static EmbeddedPostgresConfig of(Path dataDirectory) {
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "ludus-postgres-binaries");
        return new EmbeddedPostgresConfig(dataDirectory, binaries, 0, Map.of());
    }

    public EmbeddedPostgresConfig withBinariesDirectory(Path directory) {
        return new EmbeddedPostgresConfig(dataDirectory, directory, port, serverSettings);
    }

    public EmbeddedPostgresConfig withPort(int newPort) {
        return new EmbeddedPostgresConfig(dataDirectory, binariesDirectory, newPort, serverSettings);
    }

    public EmbeddedPostgresConfig withServerSetting(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(serverSettings);
        merged.put(key, value);
        return new EmbeddedPostgresConfig(dataDirectory, binariesDirectory, port, merged);
    }
}
