package io.ludus.matchmaker.topology;

import io.ludus.events.common.TeamLoadout;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * A ticket's loadout, kept as the Avro bytes it was read from until the record is needed: a ticket passed on from
 * the repartition topic to the store is written without a decode and re-encode, and rebuilding the matchers after a
 * restore, which reads every stored ticket, decodes no loadout. Confined to the stream thread that owns the ticket.
 */
final class StoredLoadout {

    private static final SpecificDatumWriter<TeamLoadout> WRITER = new SpecificDatumWriter<>(TeamLoadout.class);
    private static final SpecificDatumReader<TeamLoadout> READER = new SpecificDatumReader<>(TeamLoadout.class);

    private byte[] bytes;
    private TeamLoadout value;

    private StoredLoadout(byte[] bytes, TeamLoadout value) {
        this.bytes = bytes;
        this.value = value;
    }

    static StoredLoadout of(TeamLoadout value) {
        return new StoredLoadout(null, value);
    }

    static StoredLoadout ofBytes(byte[] bytes) {
        return new StoredLoadout(bytes, null);
    }

    TeamLoadout get() {
        if (value == null) {
            try {
                value = READER.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read a stored ticket's loadout", e);
            }
        }
        return value;
    }

    byte[] bytes() {
        if (bytes == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            try {
                WRITER.write(value, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new SerializationException("cannot write a stored ticket's loadout", e);
            }
            bytes = out.toByteArray();
        }
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredLoadout other && other.get().equals(get());
    }

    @Override
    public int hashCode() {
        return get().hashCode();
    }
}
