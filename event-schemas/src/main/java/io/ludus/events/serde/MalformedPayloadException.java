package io.ludus.events.serde;

import java.util.OptionalInt;

/** The Avro body does not decode with its writer schema (corrupt bytes or trailing garbage). */
public final class MalformedPayloadException extends EventSerializationException {

    MalformedPayloadException(String topic, int schemaId, String problem, Throwable cause) {
        super(topic, OptionalInt.of(schemaId), "malformed Avro body: " + problem, cause);
    }
}
