package io.ludus.tools.cli;

import io.ludus.events.registry.SchemaRegistryClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * Where the tools connect: flags win over the profile file, which wins over the standalone server's defaults.
 * A picocli mixin, so every command takes the same options.
 */
public final class Connection {

    public static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    public static final String DEFAULT_REGISTRY = "http://127.0.0.1:8081";

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: the profile's 'bootstrap', else " + DEFAULT_BOOTSTRAP + ").")
    String bootstrap;

    @Option(names = "--registry", paramLabel = "URL",
            description = "Schema registry URL (default: the profile's 'registry', else " + DEFAULT_REGISTRY + ").")
    String registry;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Properties file with 'bootstrap' and 'registry' keys, e.g. for a cluster. No default.")
    Path profile;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT30S", converter = DurationConverter.class,
            description = "How long to wait for the broker or registry, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    private Properties profileProperties;

    /** The same connection for a caller that is not a command (the admin dashboard). */
    public static Connection of(String bootstrap, URI registry, Duration timeout) {
        Connection c = new Connection();
        c.bootstrap = bootstrap;
        c.registry = registry.toString();
        c.timeout = timeout;
        return c;
    }

    public String bootstrap() {
        if (bootstrap != null) {
            return bootstrap;
        }
        return profile().getProperty("bootstrap", DEFAULT_BOOTSTRAP);
    }

    public URI registry() {
        String url = registry != null ? registry : profile().getProperty("registry", DEFAULT_REGISTRY);
        try {
            URI uri = URI.create(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new InvalidOptionException(registry != null ? "--registry" : "--profile", "registry must be an http(s) URL, was " + url);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException(registry != null ? "--registry" : "--profile", "not a URL: " + url);
        }
    }

    public Duration timeout() {
        return timeout;
    }

    public Admin admin() {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 15_000));
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ludus-tools");
        return Admin.create(props);
    }

    /** Byte-array consumer settings without a group: the tools read by assignment and never commit. */
    public Map<String, Object> consumerProps(String isolationLevel) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ludus-tools");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    public SchemaRegistryClient registryClient() {
        return new SchemaRegistryClient(registry(), timeout);
    }

    /** Waits for an Admin result, turning Kafka's errors into the tools' exit codes. */
    public <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(ExitCode.FAILURE, "interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), what);
        }
    }

    public ToolException translate(Throwable cause, String what) {
        // "no broker to send X to" wraps the timeout that says why
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException) {
                cause = c;
                break;
            }
        }
        return switch (cause) {
            case TimeoutException t -> new ToolException(ExitCode.UNAVAILABLE,
                    "the broker at " + bootstrap() + " did not answer within " + timeout.toSeconds() + "s while " + what
                            + " (check --bootstrap, or raise --timeout)", t);
            case GroupIdNotFoundException g -> new ToolException(ExitCode.NOT_FOUND, g.getMessage(), g);
            case UnknownTopicOrPartitionException u -> new ToolException(ExitCode.NOT_FOUND, u.getMessage(), u);
            case GroupNotEmptyException g -> new ToolException(ExitCode.REFUSED, g.getMessage(), g);
            case ToolException t -> t;
            default -> new ToolException(ExitCode.FAILURE, what + " failed: " + cause, cause);
        };
    }

    private Properties profile() {
        if (profileProperties == null) {
            profileProperties = new Properties();
            if (profile != null) {
                try (Reader reader = Files.newBufferedReader(profile)) {
                    profileProperties.load(reader);
                } catch (NoSuchFileException e) {
                    throw new InvalidOptionException("--profile", "no such file " + profile);
                } catch (IOException e) {
                    throw new InvalidOptionException("--profile", "cannot read " + profile + ": " + e.getMessage());
                }
            }
        }
        return profileProperties;
    }
}
