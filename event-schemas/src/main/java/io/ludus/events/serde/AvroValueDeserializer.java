package io.ludus.events.serde;

import io.ludus.events.registry.SchemaNotFoundException;
import io.ludus.events.registry.SchemaRegistryClient;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the Confluent wire format into {@code V}: the writer schema comes from the registry by id
 * (cached) and is resolved against V's schema by a DatumReader cached per id. Thread-safe.
 */
public final class AvroValueDeserializer<V extends SpecificRecord> implements Deserializer<V> {

    private final SchemaRegistryClient registry;
    private final Class<V> type;
    private final SpecificData model;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<V>> readersById = new ConcurrentHashMap<>();
    private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

    public AvroValueDeserializer(SchemaRegistryClient registry, Class<V> type) {
        this.registry = registry;
        this.type = type;
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    @Override
    public V deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] != WireFormat.MAGIC_BYTE) {
            throw new UnknownMagicByteException(topic, data[0]);
        }
        if (data.length < WireFormat.HEADER_SIZE) {
            throw new TruncatedPayloadException(topic, OptionalInt.empty(), data.length, null);
        }
        int id = WireFormat.schemaId(data);
        SpecificDatumReader<V> reader = readersById.get(id);
        if (reader == null) {
            reader = readerFor(topic, id);
            readersById.put(id, reader);
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, decoders.get());
        decoders.set(decoder);
        V value;
        try {
            value = reader.read(null, decoder);
        } catch (EOFException e) {
            throw new TruncatedPayloadException(topic, OptionalInt.of(id), data.length, e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new MalformedPayloadException(topic, id, e.toString(), e);
        }
        if (!isFullyRead(decoder)) {
            throw new MalformedPayloadException(topic, id, "trailing bytes after the record", null);
        }
        return value;
    }

    private SpecificDatumReader<V> readerFor(String topic, int id) {
        Schema writerSchema;
        try {
            writerSchema = registry.getById(id);
        } catch (SchemaNotFoundException e) {
            throw new UnknownSchemaIdException(topic, id, e);
        }
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new IncompatibleWriterSchemaException(topic, id, type.getName(), compatibility.getResult().getIncompatibilities().toString());
        }
        return new SpecificDatumReader<>(writerSchema, readerSchema, model);
    }

    private static boolean isFullyRead(BinaryDecoder decoder) {
        try {
            return decoder.isEnd();
        } catch (IOException e) {
            return false;
        }
    }
}
