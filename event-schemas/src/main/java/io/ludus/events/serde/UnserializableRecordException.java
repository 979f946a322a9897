package io.ludus.events.serde;

import java.util.OptionalInt;

/** The record breaks its own schema (e.g. null in a required field) and cannot be written. */
public final class UnserializableRecordException extends EventSerializationException {

    UnserializableRecordException(String topic, int schemaId, Throwable cause) {
        super(topic, OptionalInt.of(schemaId), "record does not match its schema: " + cause.getMessage(), cause);
    }
}
