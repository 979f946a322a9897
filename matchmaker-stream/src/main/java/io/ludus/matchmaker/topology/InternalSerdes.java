package io.ludus.matchmaker.topology;

import io.ludus.events.matchmaking.TicketCancelReason;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serdes of the matchmaker's own state and internal topics. Each value starts with a format version byte, so a
 * changed layout is a new version read next to the old one, never a silent misread of a changelog. Version 2 adds
 * rating bands (a ticket's band, a cancel's home band, player's home bands) and is written only when a band is not
 * 0, so an unbanded queue writes exactly the version 1 bytes an older instance reads.
 */
final class InternalSerdes {

    private static final byte V1 = 1;
    private static final byte V2 = 2;

    static final Serde<StoredTicket> TICKET = serde(t -> t.band() == 0 ? V1 : V2, InternalSerdes::writeTicket, InternalSerdes::readTicket);
    static final Serde<QueueInput> QUEUE_INPUT = serde(InternalSerdes::queueInputVersion, InternalSerdes::writeQueueInput, InternalSerdes::readQueueInput);
    static final Serde<PlayerState> PLAYER = serde(p -> p.homeBandByQueue.isEmpty() ? V1 : V2, InternalSerdes::writePlayer, InternalSerdes::readPlayer);
    static final Serde<TicketClosure> CLOSURE = serde(c -> V1, (out, c, v) -> writeClosure(out, c), (in, v) -> readClosure(in));
    // V2 adds the matches-formed counter; a V1 entry (written before it) reads as 0 formed
    static final Serde<QueueStats> STATS = serde(s -> V2, (out, s, v) -> writeStats(out, s), InternalSerdes::readStats);

    private InternalSerdes() {}

    interface Writer<T> {
        void write(DataOutputStream out, T value, byte version) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in, byte version) throws IOException;
    }

    static <T> Serde<T> serde(java.util.function.Function<T, Byte> versionOf, Writer<T> writer, Reader<T> reader) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                byte version = versionOf.apply(value);
                out.writeByte(version);
                writer.write(out, value, version);
            } catch (IOException e) {
                throw new SerializationException("cannot write matchmaker state for " + topic, e);
            }
            return bytes.toByteArray();
        };
        Deserializer<T> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte version = in.readByte();
                if (version != V1 && version != V2) {
                    throw new SerializationException("matchmaker state in " + topic + " has unknown format version " + version);
                }
                return reader.read(in, version);
            } catch (IOException e) {
                throw new SerializationException("cannot read matchmaker state from " + topic, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static void writeTicket(DataOutputStream out, StoredTicket t, byte version) throws IOException {
        out.writeUTF(t.ticketId());
        out.writeUTF(t.playerId());
        out.writeUTF(t.queueId());
        out.writeUTF(t.commandId());
        out.writeUTF(t.correlationId());
        out.writeDouble(t.rating());
        out.writeDouble(t.deviation());
        out.writeInt(t.spread());
        out.writeLong(t.openedAtMillis());
        byte[] loadout = t.storedLoadout().bytes();
        out.writeInt(loadout.length);
        out.write(loadout);
        if (version >= V2) {
            out.writeInt(t.band());
        }
    }

    private static StoredTicket readTicket(DataInputStream in, byte version) throws IOException {
        String ticketId = in.readUTF();
        String playerId = in.readUTF();
        String queueId = in.readUTF();
        String commandId = in.readUTF();
        String correlationId = in.readUTF();
        double rating = in.readDouble();
        double deviation = in.readDouble();
        int spread = in.readInt();
        long openedAt = in.readLong();
        int length = in.readInt();
        byte[] loadout = in.readNBytes(length);
        if (loadout.length != length) {
            throw new IOException("stored ticket truncated in its loadout");
        }
        int band = version >= V2 ? in.readInt() : 0;
        return new StoredTicket(ticketId, playerId, queueId, commandId, correlationId, rating, deviation, spread, openedAt,
                StoredLoadout.ofBytes(loadout), band);
    }

    private static byte queueInputVersion(QueueInput input) {
        return switch (input) {
            case QueueInput.Open open -> open.ticket().band() == 0 ? V1 : V2;
            case QueueInput.Cancel cancel -> cancel.homeBand() == 0 ? V1 : V2;
            case QueueInput.HandOff ignored -> V2;
        };
    }

    private static void writeQueueInput(DataOutputStream out, QueueInput input, byte version) throws IOException {
        switch (input) {
            case QueueInput.Open open -> {
                out.writeByte('O');
                writeTicket(out, open.ticket(), version);
            }
            case QueueInput.HandOff handOff -> {
                out.writeByte('M');
                writeTicket(out, handOff.ticket(), version);
            }
            case QueueInput.Cancel c -> {
                out.writeByte('C');
                out.writeUTF(c.ticketId());
                out.writeUTF(c.playerId());
                out.writeUTF(c.queueId());
                out.writeUTF(c.commandId());
                out.writeUTF(c.correlationId());
                out.writeUTF(c.reason().name());
                if (version >= V2) {
                    out.writeInt(c.homeBand());
                }
            }
        }
    }

    private static QueueInput readQueueInput(DataInputStream in, byte version) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case 'O' -> new QueueInput.Open(readTicket(in, version));
            case 'M' -> new QueueInput.HandOff(readTicket(in, version));
            case 'C' -> new QueueInput.Cancel(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                    TicketCancelReason.valueOf(in.readUTF()), version >= V2 ? in.readInt() : 0);
            default -> throw new IOException("unknown queue input kind " + kind);
        };
    }

    private static void writePlayer(DataOutputStream out, PlayerState p, byte version) throws IOException {
        out.writeLong(p.bannedUntilMillis);
        out.writeShort(p.openTicketByQueue.size());
        for (Map.Entry<String, String> e : p.openTicketByQueue.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.writeShort(p.recentCommandIds.size());
        for (String id : p.recentCommandIds) {
            out.writeUTF(id);
        }
        if (version >= V2) {
            out.writeShort(p.homeBandByQueue.size());
            for (Map.Entry<String, Integer> e : p.homeBandByQueue.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue());
            }
        }
    }

    private static PlayerState readPlayer(DataInputStream in, byte version) throws IOException {
        long bannedUntil = in.readLong();
        int open = in.readShort();
        Map<String, String> byQueue = new LinkedHashMap<>();
        for (int i = 0; i < open; i++) {
            byQueue.put(in.readUTF(), in.readUTF());
        }
        int recent = in.readShort();
        List<String> ids = new ArrayList<>(recent);
        for (int i = 0; i < recent; i++) {
            ids.add(in.readUTF());
        }
        Map<String, Integer> bands = new LinkedHashMap<>();
        if (version >= V2) {
            int banded = in.readShort();
            for (int i = 0; i < banded; i++) {
                bands.put(in.readUTF(), in.readInt());
            }
        }
        return PlayerState.of(bannedUntil, byQueue, bands, ids);
    }

    private static void writeClosure(DataOutputStream out, TicketClosure c) throws IOException {
        out.writeUTF(c.playerId());
        out.writeUTF(c.queueId());
        out.writeUTF(c.ticketId());
    }

    private static TicketClosure readClosure(DataInputStream in) throws IOException {
        return new TicketClosure(in.readUTF(), in.readUTF(), in.readUTF());
    }

    private static void writeStats(DataOutputStream out, QueueStats s) throws IOException {
        out.writeUTF(s.queueId());
        out.writeInt(s.depth());
        out.writeShort(s.recentWaitsMillis().length);
        for (long w : s.recentWaitsMillis()) {
            out.writeLong(w);
        }
        out.writeLong(s.matchesFormed());
    }

    private static QueueStats readStats(DataInputStream in, byte version) throws IOException {
        String queueId = in.readUTF();
        int depth = in.readInt();
        long[] waits = new long[in.readShort()];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = in.readLong();
        }
        return new QueueStats(queueId, depth, waits, version >= V2 ? in.readLong() : 0);
    }
}
