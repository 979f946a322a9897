package io.ludus.tools.ops;

import io.ludus.events.registry.RegisteredSchema;
import io.ludus.events.registry.RegistryUnavailableException;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.registry.SubjectNotFoundException;
import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.Format;
import io.ludus.tools.cli.Json;
import io.ludus.tools.cli.OutputFormat;
import io.ludus.tools.cli.Table;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Every topic: partitions, size on disk (all replicas), retention, cleanup policy, under-replicated partitions, "
                + "and its value schema's registry subject and latest version.")
final class TopicsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** {@code retentionMs} -1 is forever; {@code schemaVersion} null when the subject is absent or the registry did not answer. */
    record TopicView(String topic, int partitions, int replicationFactor, long sizeBytes, long retentionMs, String cleanupPolicy,
                     int underReplicated, String subject, Integer schemaVersion, Integer schemaId) {}

    @Override
    public void run() {
        List<TopicView> views = new ArrayList<>();
        try (Admin admin = connection.admin(); SchemaRegistryClient registry = connection.registryClient()) {
            TreeSet<String> names = new TreeSet<>(connection.await(admin.listTopics().names(), "listing topics"));
            if (names.isEmpty()) {
                print(views);
                return;
            }
            Map<String, TopicDescription> described = connection.await(admin.describeTopics(names).allTopicNames(), "describing topics");
            List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            Map<ConfigResource, Config> configs = connection.await(admin.describeConfigs(resources).all(), "reading topic configs");
            Map<String, Long> sizes = sizes(admin);
            boolean registryAnswers = true;
            for (String name : names) {
                TopicDescription d = described.get(name);
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                int underReplicated = (int) d.partitions().stream().filter(p -> p.isr().size() < p.replicas().size()).count();
                int replication = d.partitions().stream().mapToInt(p -> p.replicas().size()).max().orElse(0);
                String subject = name + "-value";
                Integer version = null;
                Integer id = null;
                if (registryAnswers) {
                    try {
                        RegisteredSchema latest = registry.getLatest(subject);
                        version = latest.version();
                        id = latest.id();
                    } catch (SubjectNotFoundException e) {
                        subject = null;
                    } catch (RegistryUnavailableException e) {
                        registryAnswers = false;
                        spec.commandLine().getErr().println("ludus: warning: the registry at " + connection.registry()
                                + " did not answer (check --registry); schema columns are empty");
                    }
                }
                views.add(new TopicView(name, d.partitions().size(), replication, sizes.getOrDefault(name, 0L),
                        Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value()),
                        config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value(), underReplicated, subject, version, id));
            }
        }
        print(views);
    }

    private Map<String, Long> sizes(Admin admin) {
        List<Integer> brokers = connection.await(admin.describeCluster().nodes(), "describing the cluster").stream().map(Node::id).toList();
        Map<Integer, Map<String, LogDirDescription>> dirs = connection.await(admin.describeLogDirs(brokers).allDescriptions(), "describing log dirs");
        Map<String, Long> sizes = new HashMap<>();
        dirs.values().forEach(byDir -> byDir.values().forEach(dir -> dir.replicaInfos().forEach((tp, info) ->
                sizes.merge(tp.topic(), ((ReplicaInfo) info).size(), Long::sum))));
        return sizes;
    }

    private void print(List<TopicView> views) {
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Json.print(out, views);
            return;
        }
        Table table = new Table("TOPIC", "PARTITIONS", "RF", "SIZE", "RETENTION", "CLEANUP", "UNDER-REPLICATED", "SUBJECT", "VERSION", "SCHEMA-ID");
        views.forEach(v -> table.row(v.topic(), v.partitions(), v.replicationFactor(), Format.bytes(v.sizeBytes()),
                v.retentionMs() < 0 ? "forever" : Format.millis(v.retentionMs()), v.cleanupPolicy(), v.underReplicated(),
                v.subject(), v.schemaVersion(), v.schemaId()));
        table.print(out);
    }
}
