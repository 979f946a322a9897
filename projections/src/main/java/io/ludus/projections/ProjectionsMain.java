package io.ludus.projections;

import io.ludus.projections.rebuild.RebuildCommand;
import io.ludus.service.ServiceMain;

import java.util.Arrays;
import java.util.Map;

/**
 * Runs the projections service alone (distributed mode): the read-model projectors, the query API and any stream
 * processors of this module, configured like the standalone server (see projections/README.md).
 * {@code ProjectionsMain rebuild NAME} rebuilds one read model instead (see RebuildCommand).
 */
public final class ProjectionsMain {

    /** Management endpoints as every service serves them ({@link ServiceMain#ENDPOINTS}). */
    public static final Map<String, Object> ENDPOINTS = ServiceMain.ENDPOINTS;

    private ProjectionsMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("rebuild")) {
            System.exit(RebuildCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        ServiceMain.run("projections", ProjectionsMain.class, args, Map.of());
    }
}
