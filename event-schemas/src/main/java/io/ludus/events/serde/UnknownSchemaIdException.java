package io.ludus.events.serde;

import java.util.OptionalInt;

/** The header names a schema id the registry does not know. */
public final class UnknownSchemaIdException extends EventSerializationException {

    UnknownSchemaIdException(String topic, int schemaId, Throwable cause) {
        super(topic, OptionalInt.of(schemaId), "schema id not found in the registry", cause);
    }
}
