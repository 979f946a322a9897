package io.ludus.replay.format;

import io.ludus.sim.BattleEventSink;
import io.ludus.sim.Outcome;
import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Records a battle as a current-version replay while the engine runs. Events are encoded into a
 * growing byte buffer (no objects per event; bounded by {@link #MAX_BODY_BYTES}) and compressed
 * to {@code out} in one zstd frame when the battle ends (one shot, so zstd knows the size; with
 * {@link ReplayCompression#standard()} unless told otherwise). The
 * replay is complete once {@link #end} has been called; the caller still owns and closes {@code out}.
 * Sink methods throw {@link UncheckedIOException} when {@code out} fails.
 */
public final class ReplayWriter implements BattleEventSink, AutoCloseable {

    /** Uncompressed body bytes a replay may reach; a 10,000-tick battle needs well under 1 MiB. */
    static final int MAX_BODY_BYTES = 64 << 20;
    private static final int BUFFER_BYTES = 8192;
    private static final int MAX_FRAME_BYTES = 64;

    private final OutputStream out;
    private final ReplayCompression compression;
    /** The uncompressed body so far; compressed in one shot at {@link #end}, when its size is known. */
    private byte[] body = new byte[16 * 1024];
    private int bodyLength;
    private final CRC32C crc = new CRC32C();
    private final byte[] buf = new byte[BUFFER_BYTES];
    private int pos;
    private final int[] lastX = new int[ReplayFormat.MAX_UNIT_ID + 1];
    private final int[] lastY = new int[ReplayFormat.MAX_UNIT_ID + 1];
    private int lastTick;
    private boolean ended;
    private boolean closed;

    /** @throws IllegalArgumentException if the header exceeds a format limit; nothing is written then */
    public ReplayWriter(OutputStream out, ReplayHeader header) throws IOException {
        this(out, header, ReplayCompression.standard());
    }

    /** @throws IllegalArgumentException if the header exceeds a format limit; nothing is written then */
    public ReplayWriter(OutputStream out, ReplayHeader header, ReplayCompression compression) throws IOException {
        checkLimits(header);
        this.out = out;
        this.compression = compression;
        out.write(ReplayFormat.MAGIC);
        out.write(ReplayFormat.CURRENT_VERSION >>> 8);
        out.write(ReplayFormat.CURRENT_VERSION);
        int dictionary = compression.dictionaryId();
        while ((dictionary & ~0x7F) != 0) {
            out.write(dictionary & 0x7F | 0x80);
            dictionary >>>= 7;
        }
        out.write(dictionary);
        writeHeader(header);
    }

    @Override
    public void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) {
        frame(V1.SPAWN, tick);
        unit(unit);
        zigzag(team);
        zigzag(classIndex);
        zigzag(x);
        zigzag(y);
        zigzag(maxHealth);
        lastX[unit] = x;
        lastY[unit] = y;
        afterFrame();
    }

    @Override
    public void move(int tick, int unit, int x, int y) {
        frame(V1.MOVE, tick);
        unit(unit);
        zigzag(x - lastX[unit]);
        zigzag(y - lastY[unit]);
        lastX[unit] = x;
        lastY[unit] = y;
        afterFrame();
    }

    @Override
    public void cast(int tick, int unit, int abilityIndex, int targetUnit, int x, int y) {
        frame(V1.CAST, tick);
        unit(unit);
        zigzag(abilityIndex);
        zigzag(targetUnit);
        zigzag(x - lastX[unit]);
        zigzag(y - lastY[unit]);
        afterFrame();
    }

    @Override
    public void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) {
        frame(V1.HIT, tick);
        zigzag(source);
        zigzag(target);
        zigzag(abilityIndex);
        zigzag(amount);
        zigzag(absorbed);
        afterFrame();
    }

    @Override
    public void heal(int tick, int source, int target, int abilityIndex, int amount) {
        frame(V1.HEAL, tick);
        zigzag(source);
        zigzag(target);
        zigzag(abilityIndex);
        zigzag(amount);
        afterFrame();
    }

    @Override
    public void status(int tick, int unit, int statusKind, int source, int magnitude, int durationTicks) {
        frame(V1.STATUS, tick);
        zigzag(unit);
        zigzag(statusKind);
        zigzag(source);
        zigzag(magnitude);
        zigzag(durationTicks);
        afterFrame();
    }

    @Override
    public void death(int tick, int unit, int killer) {
        frame(V1.DEATH, tick);
        zigzag(unit);
        zigzag(killer);
        afterFrame();
    }

    /** Writes the end record and the checksum, and finishes the compressed stream. */
    @Override
    public void end(int tick, int outcome) {
        if (outcome < 0 || outcome >= Outcome.values().length) {
            throw new IllegalArgumentException("unknown outcome ordinal " + outcome);
        }
        frame(V1.END, tick);
        varint(outcome);
        try {
            drain();
            int sum = (int) crc.getValue();
            append(new byte[] {(byte) (sum >>> 24), (byte) (sum >>> 16), (byte) (sum >>> 8), (byte) sum}, 4);
            out.write(compression.compress(body, bodyLength));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ended = true;
        closed = true;
    }

    public boolean isComplete() {
        return ended;
    }

    /** Releases the compressor. A replay closed before {@link #end} is incomplete and will not read. */
    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            drain();
            // what was recorded, without END and checksum: it never reads as a complete replay
            out.write(compression.compress(body, bodyLength));
            out.flush();
        }
    }

    private void frame(int tag, int tick) {
        if (closed) {
            throw new IllegalStateException("replay already ended or closed");
        }
        int delta = tick - lastTick;
        if (delta < 0) {
            throw new IllegalArgumentException("tick " + tick + " before " + lastTick);
        }
        lastTick = tick;
        if (delta < V1.TICK_ESCAPE) {
            buf[pos++] = (byte) (tag | delta << 4);
        } else {
            buf[pos++] = (byte) (tag | V1.TICK_ESCAPE << 4);
            varint(delta - V1.TICK_ESCAPE);
        }
    }

    private void unit(int unit) {
        if (unit < 0 || unit > ReplayFormat.MAX_UNIT_ID) {
            throw new IllegalArgumentException("unit id out of range: " + unit);
        }
        varint(unit);
    }

    private void afterFrame() {
        if (pos > BUFFER_BYTES - MAX_FRAME_BYTES) {
            try {
                drain();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void drain() throws IOException {
        crc.update(buf, 0, pos);
        append(buf, pos);
        pos = 0;
    }

    private void append(byte[] bytes, int length) throws IOException {
        if (bodyLength + length > MAX_BODY_BYTES) {
            throw new IOException("replay body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        if (bodyLength + length > body.length) {
            body = java.util.Arrays.copyOf(body, Math.min(MAX_BODY_BYTES, Math.max(body.length * 2, bodyLength + length)));
        }
        System.arraycopy(bytes, 0, body, bodyLength, length);
        bodyLength += length;
    }

    private void zigzag(int value) {
        varint((value << 1) ^ (value >> 31));
    }

    private void varint(int value) {
        while ((value & ~0x7F) != 0) {
            buf[pos++] = (byte) (value & 0x7F | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    // The header is written once, before the battle; it may allocate.

    private void writeHeader(ReplayHeader header) throws IOException {
        ensureRoom(5);
        varint(header.engineVersion());
        string(header.contentVersion());
        long seed = header.seed();
        for (int shift = 56; shift >= 0; shift -= 8) {
            headerByte((int) (seed >>> shift));
        }
        string(header.matchId());
        team(header.teamA());
        team(header.teamB());
        drain();
    }

    private void team(TeamLoadout team) throws IOException {
        string(team.playerId());
        count(team.units());
        for (UnitLoadout unit : team.units()) {
            string(unit.classId());
            count(unit.abilityIds());
            for (String ability : unit.abilityIds()) {
                string(ability);
            }
            Tactics tactics = unit.tactics();
            count(tactics.abilityPriority());
            for (Tactics.AbilityRule rule : tactics.abilityPriority()) {
                string(rule.abilityId());
                targetRule(rule.target());
            }
            count(tactics.focus());
            for (Tactics.TargetRule rule : tactics.focus()) {
                targetRule(rule);
            }
        }
    }

    private void targetRule(Tactics.TargetRule rule) throws IOException {
        string(rule.side().name());
        string(rule.filter().name());
        ensureRoom(5);
        zigzag(rule.percent());
        string(rule.order().name());
    }

    private void count(List<?> list) throws IOException {
        ensureRoom(5);
        varint(list.size());
    }

    private void string(String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ensureRoom(5 + bytes.length);
        varint(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private static void checkLimits(ReplayHeader header) {
        for (String s : List.of(header.contentVersion(), header.matchId())) {
            checkString(s);
        }
        for (TeamLoadout team : List.of(header.teamA(), header.teamB())) {
            checkString(team.playerId());
            checkCount(team.units(), ReplayFormat.MAX_UNITS_PER_TEAM, "units");
            for (UnitLoadout unit : team.units()) {
                checkString(unit.classId());
                checkCount(unit.abilityIds(), ReplayFormat.MAX_ABILITIES_PER_UNIT, "abilityIds");
                unit.abilityIds().forEach(ReplayWriter::checkString);
                checkCount(unit.tactics().abilityPriority(), ReplayFormat.MAX_RULES_PER_LIST, "abilityPriority");
                unit.tactics().abilityPriority().forEach(rule -> checkString(rule.abilityId()));
                checkCount(unit.tactics().focus(), ReplayFormat.MAX_RULES_PER_LIST, "focus");
            }
        }
    }

    private static void checkString(String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length > ReplayFormat.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("string longer than " + ReplayFormat.MAX_STRING_BYTES + " bytes: " + value);
        }
    }

    private static void checkCount(List<?> list, int max, String what) {
        if (list.size() > max) {
            throw new IllegalArgumentException(what + " has " + list.size() + " entries; the format allows " + max);
        }
    }

    private void headerByte(int b) throws IOException {
        ensureRoom(1);
        buf[pos++] = (byte) b;
    }

    private void ensureRoom(int bytes) throws IOException {
        if (pos + bytes > BUFFER_BYTES) {
            drain();
        }
    }
}
