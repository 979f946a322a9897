package io.ludus.tools.ops;

import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.Format;
import io.ludus.tools.cli.Json;
import io.ludus.tools.cli.OutputFormat;
import io.ludus.tools.cli.Table;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

@Command(name = "groups", mixinStandardHelpOptions = true,
        description = {"Every consumer group (classic and consumer protocol) and Streams group: state, epochs, members, lag in records and in time, and a status.",
                "Status (worst partition): OK, WARN (lag never shrinks), REWIND (commit went back), STALL (members, lag, no progress), STOP (lag, no members)."})
final class GroupsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public void run() {
        sampling.validate();
        List<GroupView> views;
        try (Admin admin = connection.admin()) {
            GroupInspector inspector = new GroupInspector(connection, admin, Clock.systemUTC(), sampling.isolation);
            views = inspector.inspect(inspector.listGroups(), sampling.samples, sampling.interval);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Json.print(out, views.stream().map(v -> new GroupSummary(v.group(), v.protocol(), v.state(), v.groupEpoch(),
                    v.targetAssignmentEpoch(), v.reconciling(), v.memberCount(), v.lag(), v.lagMillis(), v.status())).toList());
            return;
        }
        Table table = new Table("GROUP", "PROTOCOL", "STATE", "EPOCH", "TARGET-EPOCH", "MEMBERS", "LAG", "TIME-LAG", "STATUS");
        views.forEach(v -> table.row(v.group(), v.protocol(), v.state() + (v.reconciling() ? " (reconciling)" : ""),
                v.groupEpoch(), v.targetAssignmentEpoch(), v.memberCount(), v.lag(), Format.millis(v.lagMillis()), v.status()));
        table.print(out);
    }

    /** One line of `ops groups --output json`. */
    record GroupSummary(String group, Protocol protocol, String state, Integer groupEpoch, Integer targetAssignmentEpoch,
                        boolean reconciling, int members, long lag, Long lagMillis, GroupStatus status) {}
}
