package io.ludus.sim;

import io.ludus.sim.validation.LoadoutError;

import java.util.List;

/** A setup the engine refuses to simulate. Loadout errors are listed per team (empty for a valid team). */
public final class InvalidBattleSetupException extends RuntimeException {

    public enum Problem { MISSING_VALUE, CONTENT_VERSION_MISMATCH, INVALID_LOADOUT }

    private final Problem problem;
    private final List<LoadoutError> teamAErrors;
    private final List<LoadoutError> teamBErrors;

    public InvalidBattleSetupException(Problem problem, String detail, List<LoadoutError> teamAErrors,
                                       List<LoadoutError> teamBErrors) {
        super(problem + ": " + detail);
        this.problem = problem;
        this.teamAErrors = List.copyOf(teamAErrors);
        this.teamBErrors = List.copyOf(teamBErrors);
    }

    public Problem problem() {
        return problem;
    }

    public List<LoadoutError> teamAErrors() {
        return teamAErrors;
    }

    public List<LoadoutError> teamBErrors() {
        return teamBErrors;
    }
}
