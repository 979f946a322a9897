package io.ludus.bench;

import ch.qos.logback.classic.Level;
import io.ludus.embedded.EmbeddedKafka;
import io.ludus.embedded.EmbeddedKafkaConfig;
import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.common.TeamLoadout;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.matchmaking.MatchmakingTicketEvent;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.queue.QueueDefinition;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.Topics;
import io.ludus.matchmaker.matching.Matcher;
import io.ludus.matchmaker.matching.Ticket;
import io.ludus.matchmaker.service.MatchmakerConfig;
import io.ludus.matchmaker.service.MatchmakerStreams;
import io.ludus.registry.SchemaRegistryConfig;
import io.ludus.registry.SchemaRegistryServer;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.SplitMix64;
import io.ludus.sim.content.ContentPack;
import io.ludus.simevents.EventMapping;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The matchmaker, in one run:
 * <ol>
 *   <li>matcher only: tickets/s through one queue's {@link Matcher} on one thread (arrivals in batches, a pass per
 *   batch), the ceiling of one partition;</li>
 *   <li>end to end, one instance, one stream thread, exactly_once_v2 on the embedded broker: a backlog of joins
 *   (all compatible) until every match is committed, tickets matched/s;</li>
 *   <li>latency: with one compatible ticket waiting, a join is appended and the time until its MatchFormed is
 *   visible to a read_committed consumer is taken, {@code latencySamples} times.</li>
 * </ol>
 * Args (key=value): tickets (backlog, default 20000), matcherTickets (default 1000000), batch (arrivals per pass in
 * the matcher phase, default 2500), latencySamples (default 200), commitMs (default 100), passMs (default 50).
 */
public final class MatchmakerBenchmark {

    private static final String QUEUE = "ranked-1v1";

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length == 2) {
                options.put(kv[0], kv[1]);
            }
        }
        int tickets = Integer.parseInt(options.getOrDefault("tickets", "20000"));
        int matcherTickets = Integer.parseInt(options.getOrDefault("matcherTickets", "1000000"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "2500"));
        int latencySamples = Integer.parseInt(options.getOrDefault("latencySamples", "200"));
        long commitMs = Long.parseLong(options.getOrDefault("commitMs", "100"));
        long passMs = Long.parseLong(options.getOrDefault("passMs", "50"));
        if (options.getOrDefault("mode", "throughput").equals("restore")) {
            restore(Integer.parseInt(options.getOrDefault("openTickets", "1000000")), Long.parseLong(options.getOrDefault("commitMs", "100")));
            return;
        }
        System.out.printf("matchmaker benchmark: backlog %d, matcher %d in batches of %d, %d latency samples, commit %d ms, pass %d ms, %d cores%n",
                tickets, matcherTickets, batch, latencySamples, commitMs, passMs, Runtime.getRuntime().availableProcessors());

        matcherOnly(matcherTickets / 5, batch); // warm-up
        matcherOnly(matcherTickets, batch);

        Path dir = Files.createTempDirectory("ludus-matchmaker-bench");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir.resolve("kafka")));
             SchemaRegistryServer registryServer = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1", 0));
             SchemaRegistryClient registry = new SchemaRegistryClient(registryServer.uri())) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).provision(Topics.ALL);
            }
            MatchmakerConfig config = new MatchmakerConfig(kafka.bootstrapServers(), "bench-matchmaker", dir.resolve("state"), 1, 0,
                    Duration.ofMillis(commitMs), Duration.ofMillis(passMs), 3, "", Optional.empty(), Map.of());
            TeamLoadout loadout = EventMapping.toEvent(new RandomLoadouts(ContentPack.bundled()).team(new SplitMix64(1), "x", 1)).getLoadout();
            try (KafkaProducer<String, PlayerCommand> producer = producer(kafka.bootstrapServers(), registry);
                 Watcher watcher = new Watcher(kafka.bootstrapServers(), registry)) {
                // warm-up backlog, then the measured one, both produced before the matchmaker starts
                int warm = Math.min(tickets, 4000);
                send(producer, "warm", warm, loadout);
                send(producer, "run", tickets, loadout);
                try (MatchmakerStreams matchmaker = MatchmakerStreams.start(config, QueueDefinitions.defaults(), registry, ContentPack.bundled())) {
                    watcher.awaitMatches(warm / 2, Duration.ofMinutes(5));
                    long start = System.nanoTime();
                    long cpuStart = processCpuNanos();
                    long streamCpuStart = streamThreadCpuNanos();
                    String loadBefore = loadAverage();
                    watcher.awaitMatches((warm + tickets) / 2, Duration.ofMinutes(10));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                    double streamCpuSeconds = (streamThreadCpuNanos() - streamCpuStart) / 1e9;
                    System.out.printf("end to end, 1 instance, 1 thread: %d tickets matched in %.2f s = %,.0f tickets/s (%.1f CPU-s, %.0f µs CPU per ticket incl. broker and this harness)%n",
                            tickets, seconds, tickets / seconds, cpuSeconds, cpuSeconds * 1e6 / tickets);
                    System.out.printf("  the stream thread alone: %.1f CPU-s = %.0f µs per ticket = %,.0f tickets per stream-thread CPU-second; load average before %s, after %s%n",
                            streamCpuSeconds, streamCpuSeconds * 1e6 / tickets, tickets / streamCpuSeconds, loadBefore, loadAverage());

                    long[] latencies = new long[latencySamples];
                    for (int i = 0; i < latencySamples; i++) {
                        String waiting = "lat-w-" + i;
                        producer.send(join(waiting, waiting, loadout)).get();
                        watcher.awaitOpened(waiting, Duration.ofSeconds(30));
                        String joining = "lat-j-" + i;
                        long t0 = System.nanoTime();
                        producer.send(join(joining, joining, loadout)).get();
                        watcher.awaitMatchOf(joining, Duration.ofSeconds(30));
                        latencies[i] = System.nanoTime() - t0;
                    }
                    Arrays.sort(latencies);
                    System.out.printf("latency, append to MatchFormed visible (read_committed), opponent waiting: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d samples)%n",
                            latencies[latencySamples / 2] / 1e6, latencies[(int) Math.min(latencySamples - 1, Math.ceil(latencySamples * 0.99) - 1)] / 1e6,
                            latencies[latencySamples - 1] / 1e6, latencySamples);
                }
            }
        }
        deleteTree(dir);
    }

    /**
     * Restore after losing local state: {@code open} joins to one queue with the matching pass held off (pass interval
     * of a day), so every ticket stays open; the instance closes, its state directory is deleted, and a fresh instance
     * with the same application id restores from the changelogs. Times the restore to RUNNING, counts the restored
     * tickets through an interactive query, and reports the state directory and changelog sizes.
     */
    private static void restore(int open, long commitMs) throws Exception {
        System.out.printf("matchmaker restore benchmark: %,d open tickets in %s, commit %d ms, %d cores, load average %s%n",
                open, QUEUE, commitMs, Runtime.getRuntime().availableProcessors(), loadAverage());
        Path dir = Files.createTempDirectory("ludus-matchmaker-restore");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir.resolve("kafka")));
             SchemaRegistryServer registryServer = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1", 0));
             SchemaRegistryClient registry = new SchemaRegistryClient(registryServer.uri())) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).provision(Topics.ALL);
            }
            Path stateDir = dir.resolve("state");
            MatchmakerConfig config = new MatchmakerConfig(kafka.bootstrapServers(), "bench-restore", stateDir, 1, 0,
                    Duration.ofMillis(commitMs), Duration.ofDays(1), 3, "", Optional.empty(),
                    // a closed Streams member does not leave its group; the new one waits this long for the old to expire
                    Map.of(org.apache.kafka.streams.StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000"));
            TeamLoadout loadout = EventMapping.toEvent(new RandomLoadouts(ContentPack.bundled()).team(new SplitMix64(1), "x", 1)).getLoadout();
            long produceStart = System.nanoTime();
            try (KafkaProducer<String, PlayerCommand> producer = producer(kafka.bootstrapServers(), registry)) {
                send(producer, "open", open, loadout);
            }
            System.out.printf("produced %,d joins in %.1f s%n", open, (System.nanoTime() - produceStart) / 1e9);

            long ingestStart = System.nanoTime();
            try (MatchmakerStreams matchmaker = MatchmakerStreams.start(config, QueueDefinitions.defaults(), registry, ContentPack.bundled());
                 KafkaConsumer<byte[], byte[]> counter = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                         ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000),
                         new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                counter.partitionsFor(Topics.MATCHMAKING_TICKETS.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                counter.assign(partitions);
                counter.seekToBeginning(partitions);
                long opened = 0;
                long lastReport = System.nanoTime();
                while (opened < open) {
                    opened += counter.poll(Duration.ofMillis(200)).count();
                    if (System.nanoTime() - lastReport > 30e9) {
                        lastReport = System.nanoTime();
                        System.out.printf("  %,d tickets opened after %.0f s (load average %s)%n", opened, (lastReport - ingestStart) / 1e9, loadAverage());
                    }
                }
            }
            double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;
            System.out.printf("opened %,d tickets (committed TicketOpened) in %.1f s = %,.0f tickets/s; instance closed cleanly%n",
                    open, ingestSeconds, open / ingestSeconds);
            System.out.printf("state directory before the loss: %s%n", sizes(stateDir));
            System.out.printf("changelogs on the broker: %s%n", changelogSizes(dir.resolve("kafka"), "bench-restore-"));

            deleteTree(stateDir); // the instance's disk is gone
            Map<String, long[]> perStore = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
            org.apache.kafka.streams.KafkaStreams streams = new org.apache.kafka.streams.KafkaStreams(
                    MatchmakerStreams.topology(config, QueueDefinitions.defaults(), registry, ContentPack.bundled()), config.streamsProperties());
            streams.setGlobalStateRestoreListener(new org.apache.kafka.streams.processor.StateRestoreListener() {
                @Override
                public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
                    perStore.computeIfAbsent(store, k -> new long[] {System.nanoTime(), 0, 0}); // {first start, last end, records}
                }

                @Override
                public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {}

                @Override
                public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                    long[] v = perStore.computeIfAbsent(store, k -> new long[] {System.nanoTime(), 0, 0});
                    synchronized (v) {
                        v[1] = Math.max(v[1], System.nanoTime());
                        v[2] += totalRestored;
                    }
                }
            });
            streams.setStateListener((now, before) -> {
                if (now == org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            long restoreStart = System.nanoTime();
            streams.start();
            if (!running.await(30, java.util.concurrent.TimeUnit.MINUTES)) {
                throw new IllegalStateException("the restored instance never reached RUNNING");
            }
            double restoreSeconds = (System.nanoTime() - restoreStart) / 1e9;
            System.out.printf("restore after losing local state: start to RUNNING in %.1f s (load average %s)%n", restoreSeconds, loadAverage());
            perStore.forEach((store, v) -> System.out.printf("  %s: %,d records restored in %.1f s, from +%.1f s to +%.1f s after start%n",
                    store, v[2], (v[1] - v[0]) / 1e9, (v[0] - restoreStart) / 1e9, (v[1] - restoreStart) / 1e9));
            // before the first restore: group join and assignment; after the last: task init (the Matcher rebuilt from a
            // full scan of the ticket store) until RUNNING
            System.out.printf("  first restore began at +%.1f s, last ended at +%.1f s, RUNNING at +%.1f s%n",
                    (perStore.values().stream().mapToLong(v -> v[0]).min().orElse(restoreStart) - restoreStart) / 1e9,
                    (perStore.values().stream().mapToLong(v -> v[1]).max().orElse(restoreStart) - restoreStart) / 1e9, restoreSeconds);
            var store = streams.store(org.apache.kafka.streams.StoreQueryParameters.fromNameAndType(
                    io.ludus.matchmaker.topology.MatchmakerTopology.TICKETS_STORE,
                    org.apache.kafka.streams.state.QueryableStoreTypes.<String, Object>keyValueStore()));
            long count = 0;
            try (var all = store.all()) {
                while (all.hasNext()) {
                    all.next();
                    count++;
                }
            }
            System.out.printf("tickets in the restored store: %,d (expected %,d)%n", count, open);
            streams.close(Duration.ofSeconds(60));
            System.out.printf("state directory after the restore (closed, memtables flushed): %s%n", sizes(stateDir));
            if (count != open) {
                throw new IllegalStateException("restored " + count + " tickets, expected " + open);
            }
        }
        deleteTree(dir); // over a gigabyte of logs and state at 1M tickets
    }

    /** Bytes on disk per store directory (RocksDB files) under a Kafka Streams state directory. */
    private static String sizes(Path stateDir) throws java.io.IOException {
        Map<String, Long> byStore = new java.util.TreeMap<>();
        try (var files = Files.walk(stateDir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path rel = stateDir.relativize(f);
                // <app>/<task>/rocksdb/<store>/... ; anything else (checkpoints, locks) counts as "other"
                String store = rel.getNameCount() > 4 && rel.getName(2).toString().equals("rocksdb") ? rel.getName(3).toString() : "other";
                byStore.merge(store, Files.size(f), Long::sum);
            }
        }
        long total = byStore.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder out = new StringBuilder(String.format("%.1f MB in all", total / 1e6));
        byStore.forEach((store, bytes) -> out.append(String.format("; %s %.1f MB", store, bytes / 1e6)));
        return out.toString();
    }

    /** Bytes of each changelog topic in the embedded broker's log directory. */
    private static String changelogSizes(Path kafkaDir, String prefix) throws java.io.IOException {
        Map<String, Long> byTopic = new java.util.TreeMap<>();
        try (var files = Files.walk(kafkaDir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String partitionDir = f.getParent().getFileName().toString();
                if (partitionDir.startsWith(prefix) && partitionDir.contains("-changelog-") && f.toString().endsWith(".log")) {
                    byTopic.merge(partitionDir.substring(0, partitionDir.lastIndexOf('-')), Files.size(f), Long::sum);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        byTopic.forEach((topic, bytes) -> out.append(String.format("%s%s %.1f MB", out.isEmpty() ? "" : "; ", topic, bytes / 1e6)));
        return out.toString();
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** One queue's matcher fed {@code total} tickets, {@code batch} per pass, ratings spread so most pair at once. */
    private static void matcherOnly(int total, int batch) {
        QueueDefinition queue = QueueDefinitions.defaults().find(QUEUE).orElseThrow();
        AtomicLong now = new AtomicLong(0);
        Matcher matcher = new Matcher(queue, () -> Instant.ofEpochMilli(now.get()));
        SplitMix64 rng = new SplitMix64(42);
        int matched = 0;
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < total; ) {
            for (int b = 0; b < batch && i < total; b++, i++) {
                matcher.add(new Ticket("t" + i, "p" + i, 1200 + rng.nextInt(600), 100, 300, now.get()));
            }
            now.addAndGet(50);
            matched += matcher.pass().pairings().size() * 2;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf("matcher only: %,d tickets in %.2f s wall = %,.0f tickets/s; %.2f s of thread CPU = %,.0f tickets per CPU-second (%,d matched, %,d left waiting)%n",
                total, seconds, total / seconds, cpuSeconds, total / cpuSeconds, matched, matcher.size());
    }

    private static KafkaProducer<String, PlayerCommand> producer(String bootstrap, SchemaRegistryClient registry) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(props, Serdes.String().serializer(), Topics.PLAYER_COMMANDS.valueSerde(registry).serializer());
    }

    private static void send(KafkaProducer<String, PlayerCommand> producer, String tag, int count, TeamLoadout loadout) {
        for (int i = 0; i < count; i++) {
            producer.send(join(tag + "-p" + i, tag + "-t" + i, loadout));
        }
        producer.flush();
    }

    private static ProducerRecord<String, PlayerCommand> join(String player, String ticket, TeamLoadout loadout) {
        return new ProducerRecord<>(Topics.PLAYER_COMMANDS.name(), player, PlayerCommand.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setCorrelationId(ticket)
                .setPayload(JoinQueue.newBuilder().setPlayerId(player).setCommandId(ticket).setQueueId(QUEUE)
                        .setLoadout(loadout).setSpread(300).build())
                .build());
    }

    /** CPU time of the Kafka Streams threads of this process (the matchmaker instance itself, not broker or harness). */
    private static long streamThreadCpuNanos() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains("-StreamThread-")) {
                long cpu = threads.getThreadCpuTime(t.threadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A read_committed reader of matches and tickets, counting MatchFormed and remembering who was matched or opened. */
    private static final class Watcher implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final io.ludus.events.serde.AvroValueDeserializer<MatchEvent> matches;
        private final io.ludus.events.serde.AvroValueDeserializer<MatchmakingTicketEvent> tickets;
        private int formed;
        private final java.util.Set<String> matchedTickets = new java.util.HashSet<>();
        private final java.util.Set<String> openedTickets = new java.util.HashSet<>();

        Watcher(String bootstrap, SchemaRegistryClient registry) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), Serdes.String().deserializer(), new ByteArrayDeserializer());
            matches = Topics.MATCHES.valueSerde(registry).deserializer();
            tickets = Topics.MATCHMAKING_TICKETS.valueSerde(registry).deserializer();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.MATCHES.name(), Topics.MATCHMAKING_TICKETS.name())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        void awaitMatches(int count, Duration timeout) {
            poll(() -> formed >= count, timeout, "matches " + count);
        }

        void awaitOpened(String ticket, Duration timeout) {
            poll(() -> openedTickets.contains(ticket), timeout, "opened " + ticket);
        }

        void awaitMatchOf(String ticket, Duration timeout) {
            poll(() -> matchedTickets.contains(ticket), timeout, "match of " + ticket);
        }

        private void poll(java.util.function.BooleanSupplier done, Duration timeout, String what) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("timed out waiting for " + what);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(5))) {
                    if (r.topic().equals(Topics.MATCHES.name())) {
                        if (matches.deserialize(r.topic(), r.value()).getPayload() instanceof MatchFormed f) {
                            formed++;
                            if (f.getTeamA().getTicketId().startsWith("lat-")) {
                                matchedTickets.add(f.getTeamA().getTicketId());
                                matchedTickets.add(f.getTeamB().getTicketId());
                            }
                        }
                    } else if (tickets.deserialize(r.topic(), r.value()).getPayload() instanceof TicketOpened o
                            && o.getTicketId().startsWith("lat-")) {
                        openedTickets.add(o.getTicketId());
                    }
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
