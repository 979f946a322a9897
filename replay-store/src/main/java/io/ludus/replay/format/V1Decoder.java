package io.ludus.replay.format;

import io.ludus.replay.format.ReplayFormatException.Reason;
import io.ludus.sim.BattleEventSink;
import io.ludus.sim.Outcome;
import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of format version 1, which version 2 keeps (compressed with a dictionary). Kept as it is when
 * later versions appear, so old replays stay readable.
 */
final class V1Decoder implements FrameDecoder {

    private final BodyInput in;
    private final ReplayHeader header;
    private final int[] lastX = new int[ReplayFormat.MAX_UNIT_ID + 1];
    private final int[] lastY = new int[ReplayFormat.MAX_UNIT_ID + 1];
    private int tick;

    V1Decoder(BodyInput in) throws IOException {
        this.in = in;
        try {
            this.header = readHeader();
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public ReplayHeader header() {
        return header;
    }

    @Override
    public ReplayEnd next(BattleEventSink sink) throws IOException {
        int first = in.readByte();
        int tag = first & 0x0F;
        int delta = first >>> 4;
        if (delta == V1.TICK_ESCAPE) {
            delta += in.readVarint();
            if (delta < V1.TICK_ESCAPE) {
                throw new ReplayFormatException(Reason.MALFORMED, "tick delta overflows");
            }
        }
        tick += delta;
        if (tick < 0) {
            throw new ReplayFormatException(Reason.MALFORMED, "tick overflows");
        }
        switch (tag) {
            case V1.SPAWN -> {
                int unit = unit();
                int team = in.readZigzag();
                int classIndex = in.readZigzag();
                int x = in.readZigzag();
                int y = in.readZigzag();
                int maxHealth = in.readZigzag();
                lastX[unit] = x;
                lastY[unit] = y;
                sink.spawn(tick, unit, team, classIndex, x, y, maxHealth);
            }
            case V1.MOVE -> {
                int unit = unit();
                int x = lastX[unit] + in.readZigzag();
                int y = lastY[unit] + in.readZigzag();
                lastX[unit] = x;
                lastY[unit] = y;
                sink.move(tick, unit, x, y);
            }
            case V1.CAST -> {
                int unit = unit();
                int ability = in.readZigzag();
                int target = in.readZigzag();
                int x = lastX[unit] + in.readZigzag();
                int y = lastY[unit] + in.readZigzag();
                sink.cast(tick, unit, ability, target, x, y);
            }
            case V1.HIT -> sink.hit(tick, in.readZigzag(), in.readZigzag(), in.readZigzag(), in.readZigzag(), in.readZigzag());
            case V1.HEAL -> sink.heal(tick, in.readZigzag(), in.readZigzag(), in.readZigzag(), in.readZigzag());
            case V1.STATUS -> sink.status(tick, in.readZigzag(), in.readZigzag(), in.readZigzag(), in.readZigzag(), in.readZigzag());
            case V1.DEATH -> sink.death(tick, in.readZigzag(), in.readZigzag());
            case V1.END -> {
                int outcome = in.readVarint();
                if (outcome < 0 || outcome >= Outcome.values().length) {
                    throw new ReplayFormatException(Reason.MALFORMED, "unknown outcome " + outcome);
                }
                verifyTrailer();
                sink.end(tick, outcome);
                return new ReplayEnd(Outcome.values()[outcome], tick);
            }
            default -> throw new ReplayFormatException(Reason.MALFORMED, "unknown frame tag " + tag);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void verifyTrailer() throws IOException {
        int computed = in.checksumSoFar();
        int stored = in.readByte() << 24 | in.readByte() << 16 | in.readByte() << 8 | in.readByte();
        if (stored != computed) {
            throw new ReplayFormatException(Reason.CHECKSUM_MISMATCH,
                    "stored CRC32C %08x, computed %08x".formatted(stored, computed));
        }
        if (!in.atEnd()) {
            throw new ReplayFormatException(Reason.MALFORMED, "data after the checksum");
        }
    }

    private int unit() throws IOException {
        int unit = in.readVarint();
        if (unit < 0 || unit > ReplayFormat.MAX_UNIT_ID) {
            throw new ReplayFormatException(Reason.MALFORMED, "unit id out of range: " + Integer.toUnsignedString(unit));
        }
        return unit;
    }

    private ReplayHeader readHeader() throws IOException {
        int engineVersion = in.readVarint();
        String contentVersion = in.readString("contentVersion");
        long seed = in.readLong();
        String matchId = in.readString("matchId");
        return new ReplayHeader(matchId, engineVersion, contentVersion, seed, readTeam(), readTeam());
    }

    private TeamLoadout readTeam() throws IOException {
        String playerId = in.readString("playerId");
        int unitCount = in.readCount(ReplayFormat.MAX_UNITS_PER_TEAM, "units");
        List<UnitLoadout> units = new ArrayList<>(unitCount);
        for (int u = 0; u < unitCount; u++) {
            String classId = in.readString("classId");
            int abilityCount = in.readCount(ReplayFormat.MAX_ABILITIES_PER_UNIT, "abilityIds");
            List<String> abilities = new ArrayList<>(abilityCount);
            for (int a = 0; a < abilityCount; a++) {
                abilities.add(in.readString("abilityId"));
            }
            int ruleCount = in.readCount(ReplayFormat.MAX_RULES_PER_LIST, "abilityPriority");
            List<Tactics.AbilityRule> rules = new ArrayList<>(ruleCount);
            for (int r = 0; r < ruleCount; r++) {
                rules.add(new Tactics.AbilityRule(in.readString("abilityId"), readTargetRule()));
            }
            int focusCount = in.readCount(ReplayFormat.MAX_RULES_PER_LIST, "focus");
            List<Tactics.TargetRule> focus = new ArrayList<>(focusCount);
            for (int f = 0; f < focusCount; f++) {
                focus.add(readTargetRule());
            }
            units.add(new UnitLoadout(classId, abilities, new Tactics(rules, focus)));
        }
        return new TeamLoadout(playerId, units);
    }

    private Tactics.TargetRule readTargetRule() throws IOException {
        Tactics.Side side = enumByName(Tactics.Side.class, in.readString("side"));
        Tactics.Filter filter = enumByName(Tactics.Filter.class, in.readString("filter"));
        int percent = in.readZigzag();
        Tactics.Order order = enumByName(Tactics.Order.class, in.readString("order"));
        return new Tactics.TargetRule(side, filter, percent, order);
    }

    private static <E extends Enum<E>> E enumByName(Class<E> type, String name) throws ReplayFormatException {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new ReplayFormatException(Reason.MALFORMED, "unknown " + type.getSimpleName() + " " + name);
        }
    }
}
