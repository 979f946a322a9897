package io.ludus.replay.format;

import io.ludus.sim.BattleEventSink;
import io.ludus.sim.Outcome;
import io.ludus.sim.Tactics;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/** An engine-independent, seeded event stream that exercises every frame kind and edge value. */
public final class SyntheticBattle {

    private SyntheticBattle() {}

    public static ReplayHeader header(String matchId) {
        return header(matchId, "player-ann", "player-bob");
    }

    /** The same battle between two other players: the replay API's tests need player ids that tokens can carry (UUIDs). */
    public static ReplayHeader header(String matchId, String playerA, String playerB) {
        Tactics tactics = new Tactics(
                List.of(new Tactics.AbilityRule("fireball", new Tactics.TargetRule(
                        Tactics.Side.ENEMY, Tactics.Filter.HEALTH_BELOW_PERCENT, 40, Tactics.Order.LOWEST_HEALTH))),
                List.of(new Tactics.TargetRule(Tactics.Side.ENEMY, Tactics.Filter.IN_RANGE, 0, Tactics.Order.NEAREST)));
        UnitLoadout mage = new UnitLoadout("mage", List.of("fireball", "blink"), tactics);
        UnitLoadout knight = new UnitLoadout("knight", List.of("shield-bash"), new Tactics(List.of(), List.of()));
        return new ReplayHeader(matchId, 1, "content-2026.11", 0x5EEDL << 40 | 42,
                new TeamLoadout(playerA, List.of(mage, knight, knight)),
                new TeamLoadout(playerB, List.of(knight, mage, mage)));
    }

    public static void play(long seed, BattleEventSink sink) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] x = new int[6];
        int[] y = new int[6];
        for (int unit = 0; unit < 6; unit++) {
            x[unit] = unit < 3 ? 1_000 : 9_000;
            y[unit] = 1_000 + unit % 3 * 2_000;
            sink.spawn(0, unit, unit / 3, unit % 3, x[unit], y[unit], 900 + unit);
        }
        int tick = 1;
        for (int step = 0; step < 2_000; step++) {
            tick += random.nextInt(10) == 0 ? random.nextInt(1, 40) : random.nextInt(2);
            int unit = random.nextInt(6);
            switch (random.nextInt(7)) {
                case 0, 1, 2 -> {
                    x[unit] += random.nextInt(-60, 61);
                    y[unit] += random.nextInt(-60, 61);
                    sink.move(tick, unit, x[unit], y[unit]);
                }
                case 3 -> sink.cast(tick, unit, random.nextInt(4), random.nextInt(8) == 0 ? -1 : random.nextInt(6),
                        random.nextInt(0, 10_000), random.nextInt(0, 10_000));
                case 4 -> sink.hit(tick, unit, random.nextInt(6), random.nextInt(5) - 1, random.nextInt(500), random.nextInt(3) == 0 ? random.nextInt(50) : 0);
                case 5 -> sink.heal(tick, unit, random.nextInt(6), random.nextInt(4), random.nextInt(200));
                default -> sink.status(tick, unit, random.nextInt(5), random.nextInt(6), random.nextInt(-20, 20), random.nextInt(3) == 0 ? 0 : random.nextInt(100));
            }
        }
        sink.hit(tick, 1, 4, -1, Integer.MAX_VALUE, 0);
        sink.death(tick, 4, -1);
        sink.death(tick + 1_000, 5, 1);
        sink.end(tick + 1_000, Outcome.TEAM_A_WINS.ordinal());
    }

    public static byte[] record(String matchId, long seed) throws IOException {
        return record(header(matchId), seed);
    }

    public static byte[] recordUnchecked(String matchId, long seed) {
        return recordUnchecked(header(matchId), seed);
    }

    public static byte[] recordUnchecked(ReplayHeader header, long seed) {
        try {
            return record(header, seed);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] record(ReplayHeader header, long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ReplayWriter writer = new ReplayWriter(out, header)) {
            play(seed, writer);
        }
        return out.toByteArray();
    }
}
