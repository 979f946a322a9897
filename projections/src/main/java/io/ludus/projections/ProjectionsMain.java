package io.ludus.projections;

import io.ludus.projections.rebuild.RebuildCommand;
import io.micronaut.runtime.Micronaut;

import java.util.Arrays;
import java.util.Map;

/**
 * Runs the projections service alone (distributed mode): the read-model projectors, the query API and any stream
 * processors of this module, configured like the standalone server (see projections/README.md).
 * {@code ProjectionsMain rebuild NAME} rebuilds one read model instead (see RebuildCommand).
 */
public final class ProjectionsMain {

    /**
     * Management endpoints: health open, Prometheus behind auth, the rest off (Micronaut would serve /metrics to
     * anyone). The standalone server's application.yml says the same.
     */
    public static final Map<String, Object> ENDPOINTS = Map.of(
            "endpoints.all.enabled", false,
            "endpoints.health.enabled", true,
            "endpoints.health.sensitive", false,
            "endpoints.prometheus.enabled", true,
            "endpoints.prometheus.sensitive", true);

    private ProjectionsMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("rebuild")) {
            System.exit(RebuildCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        Micronaut.build(args).mainClass(ProjectionsMain.class).banner(false).properties(ENDPOINTS).start();
    }
}
