package io.ludus.events.serde;

import org.apache.kafka.common.errors.SerializationException;

import java.util.OptionalInt;

/** A value could not be converted to or from the Confluent wire format; names the topic and, once read, the schema id. */
public abstract sealed class EventSerializationException extends SerializationException
        permits UnknownMagicByteException, TruncatedPayloadException, UnknownSchemaIdException,
                IncompatibleWriterSchemaException, MalformedPayloadException, UnserializableRecordException {

    private final String topic;
    private final OptionalInt schemaId;

    EventSerializationException(String topic, OptionalInt schemaId, String problem, Throwable cause) {
        super("topic " + topic + (schemaId.isPresent() ? ", schema id " + schemaId.getAsInt() : "") + ": " + problem, cause);
        this.topic = topic;
        this.schemaId = schemaId;
    }

    public String topic() {
        return topic;
    }

    public OptionalInt schemaId() {
        return schemaId;
    }
}
