package io.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueDeserializer;
import io.ludus.events.serde.TruncatedPayloadException;
import io.ludus.events.serde.UnknownMagicByteException;
import io.ludus.events.serde.WireFormat;
import io.ludus.events.command.PlayerCommand;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Framing errors are detected before any registry call, so these need no registry. */
class WireFormatTest {

    // nothing listens here: a test that reached the registry would fail with RegistryUnavailableException
    private final SchemaRegistryClient unreachable = new SchemaRegistryClient(URI.create("http://127.0.0.1:9"));
    private final AvroValueDeserializer<PlayerCommand> deserializer = new AvroValueDeserializer<>(unreachable, PlayerCommand.class);

    @AfterEach
    void close() {
        unreachable.close();
    }

    @Test
    void readsTheSchemaIdBigEndianAfterTheMagicByte() {
        assertThat(WireFormat.schemaId(new byte[] {0, 0, 0, 1, 2, 42})).isEqualTo(258);
    }

    @Test
    void rejectsUnknownMagicByteNamingTheTopic() {
        assertThatThrownBy(() -> deserializer.deserialize("player-commands", new byte[] {1, 0, 0, 0, 1, 0}))
                .isInstanceOf(UnknownMagicByteException.class)
                .hasMessageContaining("player-commands").hasMessageContaining("magic byte 1");
    }

    @Test
    void rejectsPayloadShorterThanTheHeader() {
        assertThatThrownBy(() -> deserializer.deserialize("player-commands", new byte[] {0, 0, 0}))
                .isInstanceOf(TruncatedPayloadException.class).hasMessageContaining("3 bytes");
    }

    @Test
    void passesNullThroughForTombstones() {
        assertThat(deserializer.deserialize("player-commands", null)).isNull();
    }
}
