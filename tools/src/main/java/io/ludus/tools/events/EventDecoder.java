package io.ludus.tools.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ludus.events.registry.SchemaNotFoundException;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.WireFormat;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a Confluent-framed Avro value with the schema it was written with (by id, from the registry), old
 * versions included. As JSON, records are objects, a union is its branch's value, timestamp-millis is ISO-8601
 * ({@link AvroJson} writes the same mapping as a stream).
 */
public final class EventDecoder {

    /** A decoded value: its schema id, event type (the payload branch's record name, else the record's) and record. */
    public record Decoded(int schemaId, String type, GenericRecord record) {

        /** The record as a JSON tree; {@link AvroJson} writes the same JSON without building one. */
        public ObjectNode value() {
            return (ObjectNode) toJson(record, record.getSchema());
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaRegistryClient registry;
    private final Map<Integer, GenericDatumReader<Object>> readers = new HashMap<>();
    private BinaryDecoder decoder;

    public EventDecoder(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    public Decoded decode(String topic, byte[] framed) {
        if (framed.length < WireFormat.HEADER_SIZE || framed[0] != WireFormat.MAGIC_BYTE) {
            throw new UndecodableEventException(topic, "not in the Confluent wire format (magic byte 0 and a schema id)");
        }
        int id = WireFormat.schemaId(framed);
        GenericDatumReader<Object> reader = readers.computeIfAbsent(id, i -> {
            try {
                return new GenericDatumReader<>(registry.getById(i));
            } catch (SchemaNotFoundException e) {
                throw new UndecodableEventException(topic, "schema id " + i + " is not in the registry");
            }
        });
        decoder = DecoderFactory.get().binaryDecoder(framed, WireFormat.HEADER_SIZE, framed.length - WireFormat.HEADER_SIZE, decoder);
        Object datum;
        try {
            datum = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new UndecodableEventException(topic, "schema id " + id + ": " + e);
        }
        if (!(datum instanceof GenericRecord record)) {
            throw new UndecodableEventException(topic, "schema id " + id + " is not a record schema");
        }
        return new Decoded(id, typeOf(record), record);
    }

    static String typeOf(GenericRecord record) {
        Schema.Field payload = record.getSchema().getField("payload");
        if (payload != null && record.get("payload") instanceof GenericRecord branch) {
            return branch.getSchema().getName();
        }
        return record.getSchema().getName();
    }

    private static JsonNode toJson(Object datum, Schema schema) {
        if (datum == null) {
            return NODES.nullNode();
        }
        return switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = (GenericRecord) datum;
                ObjectNode node = NODES.objectNode();
                for (Schema.Field field : record.getSchema().getFields()) {
                    node.set(field.name(), toJson(record.get(field.pos()), field.schema()));
                }
                yield node;
            }
            case UNION -> {
                int branch = GenericData.get().resolveUnion(schema, datum);
                yield toJson(datum, schema.getTypes().get(branch));
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (Object item : (List<?>) datum) {
                    array.add(toJson(item, schema.getElementType()));
                }
                yield array;
            }
            case MAP -> {
                ObjectNode node = NODES.objectNode();
                ((Map<?, ?>) datum).forEach((k, v) -> node.set(k.toString(), toJson(v, schema.getValueType())));
                yield node;
            }
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis
                    ? NODES.textNode(Instant.ofEpochMilli((Long) datum).toString())
                    : NODES.numberNode((Long) datum);
            case INT -> NODES.numberNode((Integer) datum);
            case FLOAT -> NODES.numberNode((Float) datum);
            case DOUBLE -> NODES.numberNode((Double) datum);
            case BOOLEAN -> NODES.booleanNode((Boolean) datum);
            case BYTES -> {
                ByteBuffer buffer = ((ByteBuffer) datum).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                yield NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case FIXED -> NODES.textNode(Base64.getEncoder().encodeToString(((GenericFixed) datum).bytes()));
            case STRING, ENUM -> NODES.textNode(datum.toString());
            case NULL -> NODES.nullNode();
        };
    }
}
