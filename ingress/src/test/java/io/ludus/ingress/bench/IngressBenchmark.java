package io.ludus.ingress.bench;

import io.ludus.embedded.EmbeddedKafka;
import io.ludus.embedded.EmbeddedKafkaConfig;
import io.ludus.embedded.EmbeddedPostgres;
import io.ludus.embedded.EmbeddedPostgresConfig;
import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.notification.QueueJoined;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.Topics;
import io.ludus.ingress.delivery.LiveFeed;
import io.ludus.registry.SchemaRegistryConfig;
import io.ludus.registry.SchemaRegistryServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One ingress node on an embedded broker, registry and PostgreSQL (same JVM), driven by {@link SocketLoad} in a
 * second JVM on the same machine: (1) heap per idle session, (2) notification latency, produced → on the socket,
 * with {@code players} sockets connected, (3) acknowledged commands per second and ack latency, (4) heap with
 * {@code sessions} idle sockets. Args: {@code sessions=18000 players=10000 rate=1000 seconds=20
 * ackConnections=200 ackWindow=8 ackSeconds=20}.
 */
public final class IngressBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opts.put(kv[0], kv[1]);
        }
        int sessions = Integer.parseInt(opts.getOrDefault("sessions", "18000"));
        int players = Integer.parseInt(opts.getOrDefault("players", "10000"));
        int rate = Integer.parseInt(opts.getOrDefault("rate", "1000"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int ackConnections = Integer.parseInt(opts.getOrDefault("ackConnections", "200"));
        int ackWindow = Integer.parseInt(opts.getOrDefault("ackWindow", "8"));
        int ackSeconds = Integer.parseInt(opts.getOrDefault("ackSeconds", "20"));
        Path dir = Files.createTempDirectory("ingress-bench");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir.resolve("kafka")));
             SchemaRegistryServer registryServer = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1", 0));
             EmbeddedPostgres postgres = EmbeddedPostgres.start(EmbeddedPostgresConfig.of(dir.resolve("postgres")));
             SchemaRegistryClient registry = new SchemaRegistryClient(registryServer.uri());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(60)).provision(List.of(
                    Topics.PLAYER_COMMANDS, Topics.PLAYER_NOTIFICATIONS, Topics.ACCOUNT_EVENTS));
            postgres.createDatabaseIfMissing("bench");
            Map<String, Object> props = new HashMap<>();
            props.put("micronaut.server.port", -1);
            props.put("ludus.kafka.bootstrap-servers", kafka.bootstrapServers());
            props.put("ludus.registry.url", registryServer.uri().toString());
            props.put("datasources.default.url", postgres.jdbcUrl("bench"));
            props.put("datasources.default.username", EmbeddedPostgres.USER);
            props.put("datasources.default.driver-class-name", "org.postgresql.Driver");
            props.put("ludus.ingress.command-rate-limit", 1_000_000);
            props.put("ludus.ingress.socket.max-sockets-per-node", 1_000_000);
            try (ApplicationContext node = ApplicationContext.run(props, "test")) {
                EmbeddedServer server = node.getBean(EmbeddedServer.class).start();
                node.getBean(LiveFeed.class).ready().orTimeout(120, TimeUnit.SECONDS).join();
                run(node, server, kafka, registry, sessions, players, rate, seconds, ackConnections, ackWindow, ackSeconds, dir);
            }
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static void run(ApplicationContext node, EmbeddedServer server, EmbeddedKafka kafka, SchemaRegistryClient registry,
                            int sessions, int players, int rate, int seconds, int ackConnections, int ackWindow, int ackSeconds,
                            Path dir) throws Exception {
        TokenGenerator tokens = node.getBean(TokenGenerator.class);
        List<String> lines = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            lines.add(tokens.generateToken(Authentication.build(player(i)), 7200).orElseThrow());
        }
        Path tokenFile = dir.resolve("tokens.txt");
        Files.write(tokenFile, lines);
        String ws = "ws://" + server.getHost() + ":" + server.getPort() + "/v1/ws";
        Process load = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g", "-cp", System.getProperty("java.class.path"), SocketLoad.class.getName(), ws, tokenFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        PrintWriter to = new PrintWriter(load.getOutputStream(), true);
        BufferedReader from = new BufferedReader(new InputStreamReader(load.getInputStream()));

        long heapEmpty = usedHeapAfterGc();
        System.out.printf("heap with no sockets: %.1f MB%n", heapEmpty / 1e6);
        to.println("open " + players);
        System.out.println("load: " + from.readLine());
        long heapPlayers = usedHeapAfterGc();
        System.out.printf("heap with %,d idle sockets: %.1f MB, %.0f bytes per socket%n", players, heapPlayers / 1e6,
                (heapPlayers - heapEmpty) / (double) players);

        Map<String, Object> producerProps = new HashMap<>();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, PlayerNotification> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                Topics.PLAYER_NOTIFICATIONS.valueSerde(registry).serializer())) {
            long[] seqs = new long[players];
            Random random = new Random(3);
            // warm-up: every code path once, latencies discarded
            notify(producer, seqs, random, rate, 3, players);
            Thread.sleep(3_000);
            to.println("latency");
            from.readLine();
            long t0 = System.nanoTime();
            int sent = notify(producer, seqs, random, rate, seconds, players);
            Thread.sleep(3_000);
            to.println("latency");
            System.out.printf("notifications at %,d connected players, %,d sent at %.0f/s: %s%n", players, sent,
                    sent / ((System.nanoTime() - t0 - 3e9) / 1e9), from.readLine());
        }

        to.println("acks " + ackConnections + " " + ackSeconds + " " + ackWindow);
        System.out.printf("acks over %d connections, %d in flight each, %d s: %s%n", ackConnections, ackWindow, ackSeconds, from.readLine());

        to.println("open " + sessions);
        System.out.println("load: " + from.readLine());
        long heapSessions = usedHeapAfterGc();
        System.out.printf("heap with %,d idle sockets: %.1f MB, %.0f bytes per socket over the empty node%n", sessions,
                heapSessions / 1e6, (heapSessions - heapEmpty) / (double) sessions);
        System.out.printf("load average: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        to.println("quit");
        load.waitFor(30, TimeUnit.SECONDS);
    }

    /** Produces at {@code rate}/s for {@code seconds} to random connected players, each with its next seq. */
    private static int notify(KafkaProducer<String, PlayerNotification> producer, long[] seqs, Random random, int rate,
                              int seconds, int players) throws InterruptedException {
        long start = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int p = random.nextInt(players);
            long seq = ++seqs[p];
            producer.send(new ProducerRecord<>(Topics.PLAYER_NOTIFICATIONS.name(), player(p), PlayerNotification.newBuilder()
                    .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setCorrelationId("bench").setSequence(seq)
                    .setPayload(QueueJoined.newBuilder().setCommandId("c" + seq).setQueueId("ranked-1v1").setTicketId("t" + seq).build())
                    .build()));
        }
        producer.flush();
        return total;
    }

    private static String player(int i) {
        return "bench-player-" + i;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(500);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
