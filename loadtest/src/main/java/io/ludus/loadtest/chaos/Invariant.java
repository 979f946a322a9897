package io.ludus.loadtest.chaos;

import java.util.List;

/**
 * One checked invariant: how many things were examined, how many broke it (with a few examples), and for read models
 * how many were still behind the topics (not a violation: the projection had not applied them yet).
 */
public record Invariant(String name, long checked, long violations, long behind, List<String> examples) {

    public boolean holds() {
        return violations == 0;
    }
}
