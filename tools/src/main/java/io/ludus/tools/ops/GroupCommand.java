package io.ludus.tools.ops;

import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.Format;
import io.ludus.tools.cli.Json;
import io.ludus.tools.cli.OutputFormat;
import io.ludus.tools.cli.Table;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

@Command(name = "group", mixinStandardHelpOptions = true,
        description = "One group: members with client id, host, current and target assignment (reconciling when they differ), and per-partition committed offset, end offset and lag.")
final class GroupCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Mixin
    SamplingOptions sampling;

    @Parameters(paramLabel = "NAME", description = "The group id (a Streams group's id is its application.id).")
    String group;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Override
    public void run() {
        sampling.validate();
        GroupView view;
        try (Admin admin = connection.admin()) {
            GroupInspector inspector = new GroupInspector(connection, admin, Clock.systemUTC(), sampling.isolation);
            view = inspector.inspect(Map.of(group, inspector.protocolOf(group)), sampling.samples, sampling.interval).getFirst();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Json.print(out, view);
            return;
        }
        out.printf("group %s  protocol %s  state %s%s  epoch %s  target-epoch %s  lag %d  time-lag %s  status %s%n%n",
                view.group(), view.protocol(), view.state(), view.reconciling() ? " (reconciling)" : "",
                orDash(view.groupEpoch()), orDash(view.targetAssignmentEpoch()), view.lag(), Format.millis(view.lagMillis()), view.status());
        Table members = new Table("MEMBER", "INSTANCE", "CLIENT", "HOST", "EPOCH", "ASSIGNED", "TARGET", "RECONCILING");
        view.members().forEach(m -> members.row(m.memberId(), m.instanceId(), m.clientId(), m.host(), m.memberEpoch(),
                Format.list(m.assigned()), Format.list(m.target()), m.reconciling() ? "yes" : "no"));
        members.print(out);
        out.println();
        Table partitions = new Table("TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "TIME-LAG", "STATUS");
        view.partitions().forEach(p -> partitions.row(p.topic(), p.partition(), p.committed(), p.end(), p.lag(), Format.millis(p.lagMillis()), p.status()));
        partitions.print(out);
    }

    private static String orDash(Integer value) {
        return value == null ? "-" : value.toString();
    }
}
