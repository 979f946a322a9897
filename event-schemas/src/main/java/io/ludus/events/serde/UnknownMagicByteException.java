package io.ludus.events.serde;

import java.util.OptionalInt;

/** The first byte is not the Confluent magic byte 0: the value was not written by a registry-aware serializer. */
public final class UnknownMagicByteException extends EventSerializationException {

    private final byte magicByte;

    UnknownMagicByteException(String topic, byte magicByte) {
        super(topic, OptionalInt.empty(), "unknown magic byte " + magicByte, null);
        this.magicByte = magicByte;
    }

    public byte magicByte() {
        return magicByte;
    }
}
