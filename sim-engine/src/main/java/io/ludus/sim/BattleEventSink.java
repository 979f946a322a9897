package io.ludus.sim;

/**
 * Receives everything that happens in a battle, in tick order. Replay recording implements it;
 * {@link #NONE} lets the engine run at full speed. Arguments are primitives so that reporting
 * allocates nothing. Unit ids are indices in spawn order; class and ability ids are indices into
 * the battle's {@code ContentPack}; positions are arena fixed-point coordinates.
 */
public interface BattleEventSink {

    BattleEventSink NONE = new BattleEventSink() {};

    default void spawn(int tick, int unit, int team, int classIndex, int x, int y, int maxHealth) {}

    default void move(int tick, int unit, int x, int y) {}

    /** {@code targetUnit} is -1 for a ground-targeted cast at (x, y). */
    default void cast(int tick, int unit, int abilityIndex, int targetUnit, int x, int y) {}

    /**
     * {@code abilityIndex} is -1 for damage with no ability: a basic attack, or fatigue (then {@code source} is -1
     * too). {@code amount} is the health lost; {@code absorbed} went into shields.
     */
    default void hit(int tick, int source, int target, int abilityIndex, int amount, int absorbed) {}

    default void heal(int tick, int source, int target, int abilityIndex, int amount) {}

    /**
     * A status applied ({@code durationTicks > 0}) or expired/removed ({@code durationTicks == 0}).
     * {@code statusKind} is {@link StatusKind#ordinal()}.
     */
    default void status(int tick, int unit, int statusKind, int source, int magnitude, int durationTicks) {}

    default void death(int tick, int unit, int killer) {}

    /** {@code outcome} is {@link Outcome#ordinal()}. */
    default void end(int tick, int outcome) {}
}
