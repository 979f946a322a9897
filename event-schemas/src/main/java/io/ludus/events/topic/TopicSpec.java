package io.ludus.events.topic;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueSerde;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One topic: its name, key type, value record type, partitions, cleanup policy, retention and any
 * further topic configs. Keys use Kafka's built-in serde for {@code keyType}; values use the
 * Confluent wire format under subject {@code <name>-value}.
 */
public record TopicSpec<K, V extends SpecificRecord>(
        String name,
        Class<K> keyType,
        Class<V> valueType,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Duration retention,
        Map<String, String> configs) {

    /** Retention for topics that keep every event (projections rebuild from offset 0). */
    public static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(retention, "retention");
        if (!LEGAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("illegal topic name: '" + name + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, was " + partitions);
        }
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("topic " + name + ": retention must be positive, was " + retention);
        }
        if (configs.containsKey(TopicConfig.CLEANUP_POLICY_CONFIG) || configs.containsKey(TopicConfig.RETENTION_MS_CONFIG)) {
            throw new IllegalArgumentException("topic " + name + ": set cleanup policy and retention through their own fields");
        }
        configs = Map.copyOf(configs);
    }

    public Schema valueSchema() {
        return SpecificData.getForClass(valueType).getSchema(valueType);
    }

    /** Registry subject of the value schema (TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }

    public Serde<K> keySerde() {
        return Serdes.serdeFrom(keyType);
    }

    public AvroValueSerde<V> valueSerde(SchemaRegistryClient registry) {
        return new AvroValueSerde<>(registry, valueType);
    }

    /** Every config the topic is created with: {@link #configs()} plus cleanup policy and retention. */
    public Map<String, String> topicConfigs() {
        var all = new HashMap<>(configs);
        all.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
        all.put(TopicConfig.RETENTION_MS_CONFIG, retention.equals(FOREVER) ? "-1" : Long.toString(retention.toMillis()));
        return Map.copyOf(all);
    }
}
