package io.ludus.projections.social.stream;

import io.ludus.events.command.PlayerCommand;
import io.ludus.projections.social.friendship.PairState;
import io.ludus.projections.social.friendship.Party;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Binary formats of the social processor's stores and internal topics: a version byte, then the fields in order. */
final class StoreFormats {

    private static final byte VERSION = 1;

    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static Serde<Party> party() {
        return serde(StoreFormats::writeParty, StoreFormats::readParty, "party");
    }

    static Serde<PairState> pairState() {
        return serde(
                (state, out) -> {
                    out.writeUTF(state.low());
                    out.writeUTF(state.high());
                    out.writeByte(state.status().ordinal());
                    writeNullable(out, state.requesterId());
                    out.writeBoolean(state.lowBlocksHigh());
                    out.writeBoolean(state.highBlocksLow());
                    writeNullable(out, state.lowLastCommandId());
                    writeNullable(out, state.highLastCommandId());
                },
                in -> new PairState(in.readUTF(), in.readUTF(), PairState.Status.values()[in.readByte()],
                        readNullable(in), in.readBoolean(), in.readBoolean(), readNullable(in), readNullable(in)),
                "pair state");
    }

    /** The command travels in the Confluent wire format under the player-commands subject. */
    static Serde<CheckedCommand> checkedCommand(Serde<PlayerCommand> commands, String commandsTopic) {
        return serde(
                (checked, out) -> {
                    writeParty(checked.actor(), out);
                    writeParty(checked.other(), out);
                    byte[] command = commands.serializer().serialize(commandsTopic, checked.command());
                    out.writeInt(command.length);
                    out.write(command);
                },
                in -> {
                    Party actor = readParty(in);
                    Party other = readParty(in);
                    byte[] command = in.readNBytes(in.readInt());
                    return new CheckedCommand(commands.deserializer().deserialize(commandsTopic, command), actor, other);
                },
                "checked command");
    }

    private static void writeParty(Party party, DataOutputStream out) throws IOException {
        out.writeBoolean(party.known());
        out.writeBoolean(party.banned());
        out.writeInt(party.friends());
    }

    private static Party readParty(DataInputStream in) throws IOException {
        return new Party(in.readBoolean(), in.readBoolean(), in.readInt());
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private interface ValueWriter<T> {
        void write(T value, DataOutputStream out) throws IOException;
    }

    private static <T> Serde<T> serde(ValueWriter<T> writer, Reader<T> reader, String what) {
        return Serdes.serdeFrom(
                (topic, value) -> {
                    if (value == null) {
                        return null;
                    }
                    var bytes = new ByteArrayOutputStream(64);
                    try (var out = new DataOutputStream(bytes)) {
                        out.writeByte(VERSION);
                        writer.write(value, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return bytes.toByteArray();
                },
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                        byte version = in.readByte();
                        if (version != VERSION) {
                            throw new SerializationException("unknown " + what + " format version " + version);
                        }
                        return reader.read(in);
                    } catch (IOException | RuntimeException e) {
                        if (e instanceof SerializationException s) {
                            throw s;
                        }
                        throw new SerializationException("corrupt " + what + " record of " + bytes.length + " bytes: "
                                + Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 16))), e);
                    }
                });
    }

    private StoreFormats() {}
}
