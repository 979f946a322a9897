package io.ludus.notifier;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;

/**
 * What the notifier keeps per player: the last sequence it gave out and the last rating it saw
 * (for the next RatingChanged's delta). Stored as 17 bytes: version, sequence, rating.
 */
record PlayerCursor(long lastSequence, double rating) {

    /** Glicko-2's starting rating: a player's first rated match is measured from it. */
    static final double INITIAL_RATING = 1500.0;
    static final PlayerCursor NEW = new PlayerCursor(0, INITIAL_RATING);

    private static final byte VERSION = 1;
    private static final int SIZE = 1 + Long.BYTES + Double.BYTES;

    PlayerCursor next() {
        return new PlayerCursor(lastSequence + 1, rating);
    }

    PlayerCursor withRating(double newRating) {
        return new PlayerCursor(lastSequence, newRating);
    }

    static Serde<PlayerCursor> serde() {
        Serializer<PlayerCursor> serializer = (topic, cursor) -> cursor == null ? null
                : ByteBuffer.allocate(SIZE).put(VERSION).putLong(cursor.lastSequence).putDouble(cursor.rating).array();
        Deserializer<PlayerCursor> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length != SIZE || bytes[0] != VERSION) {
                throw new SerializationException("not a player cursor: " + bytes.length + " bytes");
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, SIZE - 1);
            return new PlayerCursor(buffer.getLong(), buffer.getDouble());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
