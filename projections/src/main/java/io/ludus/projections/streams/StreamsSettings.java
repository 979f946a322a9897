package io.ludus.projections.streams;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/** Streams properties and config checks shared by the ratings and social processors. */
public final class StreamsSettings {

    private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,100}");

    /**
     * exactly_once_v2. A record that cannot be deserialized, or whose processing throws, is logged with its topic,
     * partition and offset and skipped: one poison record must not stop every player's ratings or friendships.
     */
    public static Properties properties(String applicationId, String bootstrapServers, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        return props;
    }

    public static void requireBootstrapServers(String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("ludus.kafka.bootstrap-servers must not be blank");
        }
    }

    /** Parses {@code ludus.registry.url}, naming the key when it is not an http(s) URL. */
    public static URI registryUrl(String value) {
        URI uri;
        try {
            uri = value == null ? null : URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ludus.registry.url must be an http(s) URL, was " + value, e);
        }
        requireRegistryUrl(uri);
        return uri;
    }

    public static void requireRegistryUrl(URI registryUrl) {
        if (registryUrl == null || !("http".equals(registryUrl.getScheme()) || "https".equals(registryUrl.getScheme()))) {
            throw new IllegalArgumentException("ludus.registry.url must be an http(s) URL, was " + registryUrl);
        }
    }

    public static String requireTopicPrefix(String key, String prefix) {
        String value = prefix == null ? "" : prefix;
        if (!TOPIC_PREFIX.matcher(value).matches()) {
            throw new IllegalArgumentException(key + " may only hold up to 100 of [A-Za-z0-9._-], was " + prefix);
        }
        return value;
    }

    private StreamsSettings() {}
}
