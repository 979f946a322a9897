package io.ludus.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A single-node Kafka (KRaft, broker and controller in one process) running inside this JVM.
 * The data directory is formatted once and reused, so topics and records survive restarts,
 * including after a {@code kill -9} (Kafka recovers its logs; its directory lock dies with the process).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    private static final int BIND_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dataDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dataDirectory) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dataDirectory = dataDirectory;
    }

    /** Formats the data directory if it is new, then starts the server and waits until the broker is unfenced. */
    public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
        Path dir = config.dataDirectory().toAbsolutePath();
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("meta.properties"))) {
                format(dir);
            }
        } catch (Exception e) {
            throw new EmbeddedStartupException("cannot prepare Kafka data directory " + dir, e);
        }
        for (int attempt = 1; ; attempt++) {
            int port = config.port() == 0 ? Ports.free(config.host()) : config.port();
            int controllerPort = config.controllerPort() == 0 ? freeOtherThan(config.host(), port) : config.controllerPort();
            KafkaRaftServer server = new KafkaRaftServer(
                    new KafkaConfig(brokerProperties(config, dir, port, controllerPort), false), Time.SYSTEM);
            try {
                server.startup();
                String bootstrap = config.host() + ":" + port;
                LOG.info("Embedded Kafka started at {} with data in {}", bootstrap, dir);
                return new EmbeddedKafka(server, bootstrap, dir);
            } catch (RuntimeException e) {
                shutdownQuietly(server);
                boolean portsWereChosenHere = config.port() == 0 || config.controllerPort() == 0;
                if (!(portsWereChosenHere && Ports.isBindFailure(e) && attempt < BIND_ATTEMPTS)) {
                    throw new EmbeddedStartupException("cannot start Kafka with data directory " + dir, e);
                }
                LOG.warn("A free port was taken before Kafka bound it, retrying (attempt {})", attempt);
            }
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    private static void format(Path dir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dir.toString()))
                .setMetadataLogDirectory(dir.toString())
                .setControllerListenerName("CONTROLLER")
                .setHasDynamicQuorum(false)
                .run();
    }

    private static Map<String, String> brokerProperties(EmbeddedKafkaConfig config, Path dir, int port, int controllerPort) {
        String host = config.host();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("metadata.log.dir", dir.toString());
        // one node: internal topics cannot have more than one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // After a kill -9 the controller replays the dead broker's registration as live and rejects
        // the new incarnation ("Another broker is registered with that broker id") until that
        // session expires: 9 s by default. Broker and controller share this process, so heartbeats
        // never cross a network; a shorter session ends that wait sooner. Not too short: a process
        // stalled longer than the session (GC, a starved CPU) fences its own broker, and every
        // client then waits for leaders and coordinators to come back (2.5 s did, under a swarm,
        // docs/benchmarks.md "Game loop").
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "6000");
        // small machine: few threads, and a 16 MB compaction buffer instead of 128 MB
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("num.replica.fetchers", "1");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        p.putAll(config.brokerProperties());
        return p;
    }

    private static int freeOtherThan(String host, int taken) {
        int port;
        do {
            port = Ports.free(host);
        } while (port == taken);
        return port;
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.debug("Ignoring failure while shutting down a Kafka that failed to start", e);
        }
    }
}
