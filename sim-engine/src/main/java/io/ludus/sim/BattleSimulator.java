package io.ludus.sim;

import io.ludus.sim.content.Ability;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.content.UnitClass;
import io.ludus.sim.validation.LoadoutError;
import io.ludus.sim.validation.LoadoutValidator;

import java.util.List;

/**
 * Runs battles for one content pack. Thread-safe: each run has its own state. A result is a pure function
 * of the setup (loadouts, seed, content version) and {@link #ENGINE_VERSION}.
 */
public final class BattleSimulator {
    /** Bumped whenever the same setup could produce a different result or event stream. */
    public static final int ENGINE_VERSION = 1;
    /** A battle still undecided after this many ticks is a draw. */
    public static final int MAX_TICKS = 10_000;

    private final ContentPack pack;
    private final UnitClass[] classes;
    private final Ability[] abilities;

    public BattleSimulator(ContentPack pack) {
        this.pack = pack;
        this.classes = pack.classes().toArray(UnitClass[]::new);
        this.abilities = pack.abilities().toArray(Ability[]::new);
    }

    public ContentPack content() {
        return pack;
    }

    /** Throws {@link InvalidBattleSetupException} (and reports nothing to the sink) if the setup is not valid. */
    public BattleResult run(BattleSetup setup, BattleEventSink sink) {
        if (setup == null || setup.contentVersion() == null) {
            throw new InvalidBattleSetupException(InvalidBattleSetupException.Problem.MISSING_VALUE,
                    "setup and its content version are required", List.of(), List.of());
        }
        if (!pack.version().equals(setup.contentVersion())) {
            throw new InvalidBattleSetupException(InvalidBattleSetupException.Problem.CONTENT_VERSION_MISMATCH,
                    "setup wants " + setup.contentVersion() + ", simulator has " + pack.version(), List.of(), List.of());
        }
        List<LoadoutError> errorsA = LoadoutValidator.validate(pack, setup.teamA());
        List<LoadoutError> errorsB = LoadoutValidator.validate(pack, setup.teamB());
        if (!errorsA.isEmpty() || !errorsB.isEmpty()) {
            throw new InvalidBattleSetupException(InvalidBattleSetupException.Problem.INVALID_LOADOUT,
                    errorsA.size() + " errors in team A, " + errorsB.size() + " in team B", errorsA, errorsB);
        }
        return new Battle(pack, classes, abilities, setup, sink == null ? BattleEventSink.NONE : sink).run();
    }
}
