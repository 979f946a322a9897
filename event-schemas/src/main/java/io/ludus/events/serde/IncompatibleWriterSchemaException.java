package io.ludus.events.serde;

import java.util.OptionalInt;

/** The writer schema exists but cannot be read as this topic's value type (e.g. a record from another topic). */
public final class IncompatibleWriterSchemaException extends EventSerializationException {

    IncompatibleWriterSchemaException(String topic, int schemaId, String readerType, String incompatibilities) {
        super(topic, OptionalInt.of(schemaId), "writer schema cannot be read as " + readerType + ": " + incompatibilities, null);
    }
}
