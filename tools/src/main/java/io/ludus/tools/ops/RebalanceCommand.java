package io.ludus.tools.ops;

import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.DurationConverter;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.ToolException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = {"Removes members from a consumer group so it reassigns, then watches until the group is stable, printing each epoch.",
                "Removed members rejoin on their next poll. Streams groups are refused: Kafka's Admin API cannot remove their members."})
final class RebalanceCommand implements Runnable {

    private static final Duration WATCH_EVERY = Duration.ofMillis(250);

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Parameters(paramLabel = "NAME", description = "The consumer group id.")
    String group;

    @Option(names = "--member", paramLabel = "INSTANCE-ID",
            description = "Remove only the static member with this group.instance.id (Kafka removes members by instance id). Default: every member.")
    String member;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to watch for a stable group (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        try (Admin admin = connection.admin()) {
            GroupInspector inspector = new GroupInspector(connection, admin, java.time.Clock.systemUTC(), "read_committed");
            Protocol protocol = inspector.protocolOf(group);
            if (protocol == Protocol.streams) {
                throw new ToolException(ExitCode.REFUSED, "'" + group + "' is a Streams group: Kafka's Admin API cannot remove its members; "
                        + "restart or stop an instance to move its tasks");
            }
            GroupInspector.Described before = describe(admin);
            if (before.members().isEmpty()) {
                throw new ToolException(ExitCode.REFUSED, "group '" + group + "' has no members to rebalance");
            }
            RemoveMembersFromConsumerGroupOptions options;
            if (member != null) {
                if (before.members().stream().noneMatch(m -> member.equals(m.instanceId()))) {
                    throw new ToolException(ExitCode.NOT_FOUND, "--member: group '" + group + "' has no static member with group.instance.id '" + member + "'");
                }
                options = new RemoveMembersFromConsumerGroupOptions(List.of(new MemberToRemove(member)));
            } else {
                options = new RemoveMembersFromConsumerGroupOptions();
            }
            options.reason("ludus ops rebalance");
            print(out, before);
            connection.await(admin.removeMembersFromConsumerGroup(group, options).all(), "removing members of group " + group);
            out.println("removed " + (member != null ? "member " + member : "all " + before.members().size() + " member(s)"));
            out.flush();
            watch(admin, out, before);
        }
    }

    private void watch(Admin admin, PrintWriter out, GroupInspector.Described before) {
        long deadline = System.nanoTime() + wait.toNanos();
        String last = line(before);
        boolean changed = false;
        while (System.nanoTime() < deadline) {
            sleep();
            GroupInspector.Described now = describe(admin);
            String line = line(now);
            if (!line.equals(last)) {
                print(out, now);
                last = line;
                changed = true;
            }
            boolean settled = now.members().stream().noneMatch(MemberView::reconciling)
                    && Objects.equals(now.groupEpoch(), now.targetAssignmentEpoch());
            if (changed && settled && ("Stable".equals(now.state()) || "Empty".equals(now.state()))) {
                out.println("stable" + (now.members().isEmpty() ? ": no member rejoined" : ""));
                out.flush();
                return;
            }
        }
        throw new ToolException(ExitCode.UNAVAILABLE, "group '" + group + "' not stable within " + wait.toSeconds() + "s (raise --wait)");
    }

    private GroupInspector.Described describe(Admin admin) {
        var description = connection.await(admin.describeConsumerGroups(List.of(group)).all(), "describing group " + group);
        return GroupInspector.consumerGroup(description.get(group));
    }

    private static String line(GroupInspector.Described d) {
        long reconciling = d.members().stream().filter(MemberView::reconciling).count();
        return "epoch " + (d.groupEpoch() == null ? "-" : d.groupEpoch())
                + "  target-epoch " + (d.targetAssignmentEpoch() == null ? "-" : d.targetAssignmentEpoch())
                + "  state " + d.state() + "  members " + d.members().size() + "  reconciling " + reconciling
                + "  assignment " + assignments(d);
    }

    private static String assignments(GroupInspector.Described d) {
        return d.members().stream().map(m -> m.clientId() + "=" + m.assigned().size()).sorted().toList().toString();
    }

    private static void print(PrintWriter out, GroupInspector.Described d) {
        out.println(line(d));
        out.flush();
    }

    private static void sleep() {
        try {
            Thread.sleep(WATCH_EVERY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(ExitCode.FAILURE, "interrupted while watching the group");
        }
    }
}
