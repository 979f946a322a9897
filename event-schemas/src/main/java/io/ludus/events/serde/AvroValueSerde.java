package io.ludus.events.serde;

import io.ludus.events.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Value serde for one record type in the Confluent wire format; get one from {@code TopicSpec.valueSerde(registry)}. */
public final class AvroValueSerde<V extends SpecificRecord> implements Serde<V> {

    private final AvroValueSerializer<V> serializer;
    private final AvroValueDeserializer<V> deserializer;

    public AvroValueSerde(SchemaRegistryClient registry, Class<V> type) {
        this.serializer = new AvroValueSerializer<>(registry, type);
        this.deserializer = new AvroValueDeserializer<>(registry, type);
    }

    @Override
    public AvroValueSerializer<V> serializer() {
        return serializer;
    }

    @Override
    public AvroValueDeserializer<V> deserializer() {
        return deserializer;
    }
}
