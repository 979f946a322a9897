package io.ludus.sim;

/**
 * Timed effects on a unit. {@link BattleEventSink#status} reports {@link #ordinal()}, so ordinals are
 * part of the replay format: append only. Modifier magnitudes are signed percentages.
 */
public enum StatusKind {
    STUN,
    SHIELD,
    DAMAGE_OVER_TIME,
    HEAL_OVER_TIME,
    DAMAGE_MODIFIER,
    ARMOUR_MODIFIER,
    SPEED_MODIFIER;

    /** Whether applying this status with {@code magnitude} hurts the unit (so only enemies may be given it). */
    public boolean harmful(int magnitude) {
        return switch (this) {
            case STUN, DAMAGE_OVER_TIME -> true;
            case SHIELD, HEAL_OVER_TIME -> false;
            case DAMAGE_MODIFIER, ARMOUR_MODIFIER, SPEED_MODIFIER -> magnitude < 0;
        };
    }
}
