package io.ludus.events.serde;

import java.util.OptionalInt;

/** The value ends before its header or its Avro body does. */
public final class TruncatedPayloadException extends EventSerializationException {

    TruncatedPayloadException(String topic, OptionalInt schemaId, int length, Throwable cause) {
        super(topic, schemaId, "payload truncated (" + length + " bytes)", cause);
    }
}
