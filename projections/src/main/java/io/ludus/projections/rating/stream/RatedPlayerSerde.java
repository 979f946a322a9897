package io.ludus.projections.rating.stream;

import io.ludus.projections.rating.glicko.RatedPlayer;
import io.ludus.projections.rating.glicko.Rating;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The player store's value format: a version byte, then the fields in order. Internal to this processor. */
final class RatedPlayerSerde implements Serde<RatedPlayer> {

    private static final byte VERSION = 1;

    @Override
    public Serializer<RatedPlayer> serializer() {
        return (topic, player) -> player == null ? null : write(player);
    }

    @Override
    public Deserializer<RatedPlayer> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    private static byte[] write(RatedPlayer player) {
        var bytes = new ByteArrayOutputStream(64 + 40 * player.recentMatchIds().size());
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeDouble(player.rating().rating());
            out.writeDouble(player.rating().deviation());
            out.writeDouble(player.rating().volatility());
            out.writeInt(player.gamesPlayed());
            out.writeInt(player.wins());
            out.writeInt(player.losses());
            out.writeInt(player.draws());
            out.writeLong(player.lastRatedAt() == null ? Long.MIN_VALUE : player.lastRatedAt().toEpochMilli());
            out.writeInt(player.recentMatchIds().size());
            for (String matchId : player.recentMatchIds()) {
                out.writeUTF(matchId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static RatedPlayer read(byte[] bytes) {
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new SerializationException("unknown rated-player format version " + version);
            }
            Rating rating = new Rating(in.readDouble(), in.readDouble(), in.readDouble());
            int games = in.readInt();
            int wins = in.readInt();
            int losses = in.readInt();
            int draws = in.readInt();
            long lastRatedAt = in.readLong();
            int count = in.readInt();
            List<String> matchIds = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                matchIds.add(in.readUTF());
            }
            return new RatedPlayer(rating, games, wins, losses, draws,
                    lastRatedAt == Long.MIN_VALUE ? null : Instant.ofEpochMilli(lastRatedAt), matchIds);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("corrupt rated-player record", e);
        }
    }
}
