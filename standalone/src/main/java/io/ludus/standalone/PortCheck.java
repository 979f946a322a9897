package io.ludus.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Before anything starts, checks that every fixed port the server will listen on is free, so a
 * taken port is one sentence naming its setting instead of a failure half-way through start-up.
 */
final class PortCheck {

    private PortCheck() {}

    static void requireFree(StandaloneConfig config, String loopback) {
        Map<Setting, Integer> ports = new LinkedHashMap<>();
        ports.put(Setting.HTTP_PORT, config.httpPort());
        ports.put(Setting.KAFKA_PORT, config.kafkaPort());
        ports.put(Setting.KAFKA_CONTROLLER_PORT, config.kafkaControllerPort());
        ports.put(Setting.REGISTRY_PORT, config.registryPort());
        ports.put(Setting.POSTGRES_PORT, config.postgresPort());
        Map<Setting, String> what = Map.of(Setting.HTTP_PORT, "HTTP API", Setting.KAFKA_PORT, "Kafka broker",
                Setting.KAFKA_CONTROLLER_PORT, "Kafka controller", Setting.REGISTRY_PORT, "schema registry",
                Setting.POSTGRES_PORT, "PostgreSQL");
        for (var entry : ports.entrySet()) {
            Setting setting = entry.getKey();
            int port = entry.getValue();
            if (port == 0) {
                continue; // a free port is chosen when the server binds
            }
            String host = setting == Setting.HTTP_PORT ? config.bind() : loopback;
            if (!isFree(host, port)) {
                throw new CannotStartException(ExitCode.PORT_IN_USE, String.format(
                        "port %d on %s (%s) is already in use by another program. Stop that program, or give Ludus "
                                + "another port with %s N or %s=N (0 picks a free one).",
                        port, host, what.get(setting),
                        setting.flag(), setting.env()));
            }
        }
    }

    private static boolean isFree(String host, int port) {
        // the servers set SO_REUSEADDR too, so a port held only by connections in TIME_WAIT counts as free
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
