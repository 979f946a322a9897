package io.ludus.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of an {@link EmbeddedKafka}.
 *
 * @param dataDirectory    where logs and KRaft metadata live; kept across restarts (required)
 * @param host             interface to listen on and advertise (default 127.0.0.1)
 * @param port             client (PLAINTEXT) port, 0 = a free port (default 0)
 * @param controllerPort   KRaft controller port, 0 = a free port (default 0)
 * @param brokerProperties extra broker properties, applied last so they win (default none)
 */
public record EmbeddedKafkaConfig(Path dataDirectory, String host, int port, int controllerPort,
                                  Map<String, String> brokerProperties) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public EmbeddedKafkaConfig {
        if (dataDirectory == null) {
            throw new IllegalArgumentException("dataDirectory must be set");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        Ports.requireValid("port", port);
        Ports.requireValid("controllerPort", controllerPort);
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must differ, both were " + port);
        }
        brokerProperties = Map.copyOf(Objects.requireNonNullElse(brokerProperties, Map.of()));
    }

    public static EmbeddedKafkaConfig of(Path dataDirectory) {
        return new EmbeddedKafkaConfig(dataDirectory, DEFAULT_HOST, 0, 0, Map.of());
    }

    public EmbeddedKafkaConfig withHost(String newHost) {
        return new EmbeddedKafkaConfig(dataDirectory, newHost, port, controllerPort, brokerProperties);
    }

    public EmbeddedKafkaConfig withPorts(int newPort, int newControllerPort) {
        return new EmbeddedKafkaConfig(dataDirectory, host, newPort, newControllerPort, brokerProperties);
    }

    public EmbeddedKafkaConfig withBrokerProperty(String key, String value) {
        Map<String, String> merged = new LinkedHashMap<>(brokerProperties);
        merged.put(key, value);
        return new EmbeddedKafkaConfig(dataDirectory, host, port, controllerPort, merged);
    }
}
