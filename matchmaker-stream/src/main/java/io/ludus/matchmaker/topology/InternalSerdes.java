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
 * changed layout is a new version read next to the old one, never a silent misread of a changelog.
 */
final class InternalSerdes {

    private static final byte V1 = 1;

    static final Serde<StoredTicket> TICKET = serde(InternalSerdes::writeTicket, InternalSerdes::readTicket);
    static final Serde<QueueInput> QUEUE_INPUT = serde(InternalSerdes::writeQueueInput, InternalSerdes::readQueueInput);
    static final Serde<PlayerState> PLAYER = serde(InternalSerdes::writePlayer, InternalSerdes::readPlayer);
    static final Serde<TicketClosure> CLOSURE = serde(InternalSerdes::writeClosure, InternalSerdes::readClosure);
    static final Serde<QueueStats> STATS = serde(InternalSerdes::writeStats, InternalSerdes::readStats);

    private InternalSerdes() {}

    interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(V1);
                writer.write(out, value);
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
                if (version != V1) {
                    throw new SerializationException("matchmaker state in " + topic + " has unknown format version " + version);
                }
                return reader.read(in);
            } catch (IOException e) {
                throw new SerializationException("cannot read matchmaker state from " + topic, e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static void writeTicket(DataOutputStream out, StoredTicket t) throws IOException {
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
    }

    private static StoredTicket readTicket(DataInputStream in) throws IOException {
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
        return new StoredTicket(ticketId, playerId, queueId, commandId, correlationId, rating, deviation, spread, openedAt,
                StoredLoadout.ofBytes(loadout));
    }

    private static void writeQueueInput(DataOutputStream out, QueueInput input) throws IOException {
        switch (input) {
            case QueueInput.Open open -> {
                out.writeByte('O');
                writeTicket(out, open.ticket());
            }
            case QueueInput.Cancel c -> {
                out.writeByte('C');
                out.writeUTF(c.ticketId());
                out.writeUTF(c.playerId());
                out.writeUTF(c.queueId());
                out.writeUTF(c.commandId());
                out.writeUTF(c.correlationId());
                out.writeUTF(c.reason().name());
            }
        }
    }

    private static QueueInput readQueueInput(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case 'O' -> new QueueInput.Open(readTicket(in));
            case 'C' -> new QueueInput.Cancel(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                    TicketCancelReason.valueOf(in.readUTF()));
            default -> throw new IOException("unknown queue input kind " + kind);
        };
    }

    private static void writePlayer(DataOutputStream out, PlayerState p) throws IOException {
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
    }

    private static PlayerState readPlayer(DataInputStream in) throws IOException {
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
        return PlayerState.of(bannedUntil, byQueue, ids);
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
    }

    private static QueueStats readStats(DataInputStream in) throws IOException {
        String queueId = in.readUTF();
        int depth = in.readInt();
        long[] waits = new long[in.readShort()];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = in.readLong();
        }
        return new QueueStats(queueId, depth, waits);
    }
}
