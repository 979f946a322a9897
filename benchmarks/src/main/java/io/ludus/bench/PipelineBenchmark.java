package io.ludus.bench;

import io.ludus.embedded.EmbeddedKafka;
import io.ludus.embedded.EmbeddedKafkaConfig;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueDeserializer;
import io.ludus.events.serde.AvroValueSerializer;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.events.topic.TopicProvisioner;
import io.ludus.events.topic.Topics;
import io.ludus.matchmaker.results.MatchResultsTopology;
import io.ludus.matchmaker.topology.MatchmakerTopics;
import io.ludus.registry.SchemaRegistryConfig;
import io.ludus.registry.SchemaRegistryServer;
import io.ludus.replay.format.ReplayHeader;
import io.ludus.replay.format.ReplayWriter;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.sim.BattleEventSink;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.content.ContentPack;
import io.ludus.simevents.EventMapping;
import io.ludus.workers.SimWorkerConfig;
import io.ludus.workers.SimulationWorker;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.LoggerFactory;
import ch.qos.logback.classic.Level;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Properties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sim workers end to end against (a) the engine alone, in one run, on the reference workload (random valid 3v3
 * loadouts from seeds 0..1023, as in SimEngineBenchmark) with the same thread count:
 * <ol>
 *   <li>engine only: battles/s with no sink, measured before and after the end-to-end rounds (the mean is (a));</li>
 *   <li>engine + replay recording, and that + a filesystem put per replay, no Kafka (where the time goes);</li>
 *   <li>end to end: requests on an embedded broker, one worker (replays to the filesystem), until every result is
 *       committed: sims/s from a backlog (the median round is (b)), then per-simulation latency (request produced
 *       to result committed, seen by a read_committed consumer) with requests paced at half that rate.</li>
 * </ol>
 * It also reports the process CPU time per battle in each phase, and the worker's own engine time per battle, so
 * the gap between (b) and (a) can be split into work added (Kafka, serdes, storage) and contention for the cores.
 * Args (key=value): requests (per round, default 3000), warmup (requests run end to end before measuring; default
 * the larger of 6000 and requests), rounds (default 5), threads (0 = cores), maxPollRecords (128), engineBattles
 * (battles per engine-only measurement, default 10000), store (fs, the default, or memory: replays kept in memory,
 * to show what the filesystem store costs), bootstrap + registry + brokerPid (a broker and registry in another
 * process, {@link PipelineBroker}, e.g. pinned to other cores; its CPU time per battle is then reported apart),
 * matchResults (true: the matchmaker's match-results stage runs in this process too, deriving MatchCompleted and
 * ReplayStored from every result, as when it shares the worker's cores; default false).
 */
public final class PipelineBenchmark {

    private static final int WORKLOAD = 1024;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        // logback's default is DEBUG for everything, which slows the embedded broker by an order of magnitude
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length == 2) {
                options.put(kv[0], kv[1]);
            }
        }
        int requests = Integer.parseInt(options.getOrDefault("requests", "3000"));
        int threadsOption = Integer.parseInt(options.getOrDefault("threads", "0"));
        int threads = threadsOption == 0 ? Runtime.getRuntime().availableProcessors() : threadsOption;
        int maxPollRecords = Integer.parseInt(options.getOrDefault("maxPollRecords", "128"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
        }
        int engineBattles = Integer.parseInt(options.getOrDefault("engineBattles", "10000"));
        String storeKind = options.getOrDefault("store", "fs");
        if (!storeKind.equals("fs") && !storeKind.equals("memory")) {
            throw new IllegalArgumentException("store must be fs or memory, was " + storeKind);
        }

        ContentPack pack = ContentPack.bundled();
        RandomLoadouts loadouts = new RandomLoadouts(pack);
        BattleSetup[] setups = new BattleSetup[WORKLOAD];
        for (int i = 0; i < WORKLOAD; i++) {
            setups[i] = loadouts.battle(i, 3, 3);
        }
        BattleSimulator simulator = new BattleSimulator(pack);
        Path dir = Files.createTempDirectory("ludus-pipeline-bench");
        System.out.printf("pipeline benchmark: %d requests per round, %d rounds, %d threads, max.poll.records %d, replays to %s, %d cores, broker %s%s%n",
                requests, rounds, threads, maxPollRecords, storeKind, Runtime.getRuntime().availableProcessors(),
                options.containsKey("bootstrap") ? "in another process" : "embedded",
                Boolean.parseBoolean(options.getOrDefault("matchResults", "false")) ? ", match-results stage in this process" : "");

        Task engine = i -> simulator.run(setups[i % WORKLOAD], BattleEventSink.NONE);
        parallel(threads, engineBattles, engine);
        Phase engineBefore = parallel(threads, engineBattles, engine);
        engineBefore.print("(a) engine only, before");

        Task recording = i -> record(simulator, setups[i % WORKLOAD], "local-" + i);
        parallel(threads, engineBattles / 2, recording);
        Phase withReplay = parallel(threads, engineBattles / 2, recording);
        withReplay.print("    engine + replay recording");
        FileSystemReplayStore localStore = new FileSystemReplayStore(dir.resolve("local-replays"));
        Phase withStore = parallel(threads, Math.min(requests, 500),
                i -> localStore.put("local-" + i, record(simulator, setups[i % WORKLOAD], "local-" + i)));
        withStore.print("    + a filesystem put each (fsync)");

        String external = options.get("bootstrap");
        long brokerPid = Long.parseLong(options.getOrDefault("brokerPid", "-1"));
        try (Broker kafka = external != null ? new Broker(external, URI.create(options.get("registry")), null, null)
                : Broker.embedded(dir);
             SchemaRegistryClient registry = new SchemaRegistryClient(kafka.registry())) {
            if (external == null) {
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                    new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).provision(Topics.ALL);
                }
            }
            SimWorkerConfig config = SimWorkerConfig.defaults(kafka.bootstrapServers(), dir.resolve("replays").toUri())
                    .withThreads(threads).withMaxPollRecords(maxPollRecords);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            List<Double> roundRates = new ArrayList<>();
            Stats backlogStats = null;
            double cpuPerSimE2e;
            double engineMillisInPipeline;
            double brokerCpuPerSim;
            Stats pacedStats;
            double pacedRate;
            int pacedCount;
            boolean matchResults = Boolean.parseBoolean(options.getOrDefault("matchResults", "false"));
            try (KafkaStreams derivation = matchResults ? matchResults(kafka.bootstrapServers(), registry, dir) : null;
                 ResultWatcher results = new ResultWatcher(kafka.bootstrapServers(), registry);
                 RequestProducer producer = new RequestProducer(kafka.bootstrapServers(), registry, setups);
                 SimulationWorker worker = new SimulationWorker(config, registry, storeKind.equals("fs")
                         ? new FileSystemReplayStore(dir.resolve("replays")) : new MemoryReplayStore(), Clock.systemUTC(), meters)) {
                worker.start();
                // the JIT compiles broker, client and Avro code for tens of seconds on 2 cores; measure after that
                int warmup = Integer.parseInt(options.getOrDefault("warmup", String.valueOf(Math.max(6000, requests))));
                producer.send("warm", warmup, 0);
                results.await(warmup);
                int seen = warmup;
                Timer engineTimer = meters.get("ludus.sim.engine").timer();
                double engineNanosBefore = engineTimer.totalTime(TimeUnit.NANOSECONDS);
                long engineCountBefore = engineTimer.count();

                long cpuBefore = OS.getProcessCpuTime();
                long brokerCpuBefore = processCpuNanos(brokerPid);
                for (int round = 1; round <= rounds; round++) {
                    long start = System.currentTimeMillis();
                    Map<String, Long> backlog = producer.send("run" + round, requests, 0);
                    seen += requests;
                    results.await(seen);
                    double rate = requests * 1000.0 / (results.lastCommitSeenMillis() - start);
                    roundRates.add(rate);
                    if (round == (rounds + 1) / 2) {
                        backlogStats = results.stats(backlog);
                    }
                    System.out.printf("    round %d of %d:                        %8.0f sims/s%n", round, rounds, rate);
                }
                cpuPerSimE2e = (OS.getProcessCpuTime() - cpuBefore) / 1e6 / ((double) requests * rounds);
                brokerCpuPerSim = (processCpuNanos(brokerPid) - brokerCpuBefore) / 1e6 / ((double) requests * rounds);
                engineMillisInPipeline = (engineTimer.totalTime(TimeUnit.NANOSECONDS) - engineNanosBefore) / 1e6
                        / (engineTimer.count() - engineCountBefore);

                pacedRate = median(roundRates) / 2;
                pacedCount = (int) Math.max(200, Math.min(requests, pacedRate * 10));
                Map<String, Long> paced = producer.send("paced", pacedCount, pacedRate);
                results.await(seen + pacedCount);
                pacedStats = results.stats(paced);
            }
            Phase engineAfter = parallel(threads, engineBattles, engine);
            engineAfter.print("(a) engine only, after");

            double engineOnly = (engineBefore.rate() + engineAfter.rate()) / 2;
            double e2e = median(roundRates);
            double engineCpu = (engineBefore.cpuMillisPerTask() + engineAfter.cpuMillisPerTask()) / 2;
            System.out.printf("(a) engine only (mean):                    %8.0f sims/s, %.3f CPU-ms per battle%n", engineOnly, engineCpu);
            DoubleSummaryStatistics spread = roundRates.stream().mapToDouble(Double::doubleValue).summaryStatistics();
            System.out.printf("(b) end to end (median of %d rounds):       %8.0f sims/s (min %.0f, max %.0f), %.3f CPU-ms per battle%n",
                    rounds, e2e, spread.getMin(), spread.getMax(), cpuPerSimE2e);
            if (brokerPid > 0) {
                System.out.printf("    broker + registry process (pid %d): %.3f CPU-ms per battle%n", brokerPid, brokerCpuPerSim);
            }
            System.out.printf("    engine + recording time per battle: %.3f ms alone (per thread), %.3f ms inside the worker%n",
                    withReplay.wallMillisPerTaskPerThread(threads), engineMillisInPipeline);
            System.out.printf("    latency at %.0f req/s (paced): p50 %d ms, p99 %d ms (%d requests)%n",
                    pacedRate, pacedStats.p50, pacedStats.p99, pacedCount);
            System.out.printf("    latency draining a backlog of %d:     p50 %d ms, p99 %d ms%n", requests, backlogStats.p50, backlogStats.p99);
            System.out.printf("    mean compressed replay size:           %d bytes%n", backlogStats.meanReplayBytes);
            System.out.printf("(b)/(a) = %.2f%n", e2e / engineOnly);
        }
    }

    /** The matchmaker's match-results stage alone, exactly once, as the matchmaker runs it. */
    private static KafkaStreams matchResults(String bootstrap, SchemaRegistryClient registry, Path dir) {
        StreamsBuilder builder = new StreamsBuilder();
        MatchResultsTopology.build(builder, MatchmakerTopics.withPrefix(""), registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-match-results-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("streams").toString());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        streams.start();
        return streams;
    }

    /** User + system CPU time of another process, from /proc (Linux); 0 without a pid. */
    private static long processCpuNanos(long pid) throws IOException {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /** The broker and registry: embedded in this process, or another process's. */
    private record Broker(String bootstrapServers, URI registry, EmbeddedKafka kafka, SchemaRegistryServer server)
            implements AutoCloseable {

        static Broker embedded(Path dir) {
            EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir.resolve("kafka")));
            SchemaRegistryServer server = SchemaRegistryServer.start(SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1", 0));
            return new Broker(kafka.bootstrapServers(), server.uri(), kafka, server);
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private static byte[] record(BattleSimulator simulator, BattleSetup setup, String matchId) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (ReplayWriter writer = new ReplayWriter(out, ReplayHeader.of(matchId, BattleSimulator.ENGINE_VERSION, setup))) {
            simulator.run(setup, writer);
        }
        return out.toByteArray();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** One measured phase: tasks, wall time and the process CPU time it took. */
    private record Phase(int tasks, long wallNanos, long cpuNanos) {
        double rate() {
            return tasks / (wallNanos / 1e9);
        }

        double cpuMillisPerTask() {
            return cpuNanos / 1e6 / tasks;
        }

        double wallMillisPerTaskPerThread(int threads) {
            return wallNanos / 1e6 * threads / tasks;
        }

        void print(String label) {
            System.out.printf("%-43s%8.0f sims/s, %.3f CPU-ms per battle%n", label + ":", rate(), cpuMillisPerTask());
        }
    }

    interface Task {
        void run(int index) throws Exception;
    }

    /** Runs {@code count} tasks on {@code threads} threads. */
    private static Phase parallel(int threads, int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long cpuStart = OS.getProcessCpuTime();
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return new Phase(count, System.nanoTime() - start, OS.getProcessCpuTime() - cpuStart);
        } finally {
            pool.shutdownNow();
        }
    }

    private record Stats(long p50, long p99, long meanReplayBytes) {}

    /** Produces requests for the reference workload, optionally paced to {@code ratePerSecond}. */
    private static final class RequestProducer implements AutoCloseable {
        private final KafkaProducer<String, SimulationRequestEvent> producer;
        private final BattleSetup[] setups;
        private int next;

        RequestProducer(String bootstrap, SchemaRegistryClient registry, BattleSetup[] setups) {
            this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                    new StringSerializer(), new AvroValueSerializer<>(registry, SimulationRequestEvent.class));
            this.setups = setups;
        }

        /** Returns each match id with the epoch millis its request was produced at. */
        Map<String, Long> send(String phase, int count, double ratePerSecond) throws InterruptedException {
            Map<String, Long> sent = new HashMap<>(count * 2);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (ratePerSecond > 0) {
                    long due = start + (long) (i * 1e9 / ratePerSecond);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                BattleSetup setup = setups[next++ % WORKLOAD];
                String matchId = phase + "-" + i;
                Instant now = Instant.now();
                sent.put(matchId, now.toEpochMilli());
                producer.send(new ProducerRecord<>(Topics.SIMULATION_REQUESTS.name(), matchId, SimulationRequestEvent.newBuilder()
                        .setEventId(UUID.randomUUID())
                        .setOccurredAt(now)
                        .setCorrelationId(matchId)
                        .setCausationId(null)
                        .setPayload(EventMapping.toRequest(matchId, setup))
                        .build()));
            }
            producer.flush();
            return sent;
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** Reads simulation-results (read_committed) and notes when each match's result became visible. */
    private static final class ResultWatcher implements AutoCloseable {
        private final Map<String, Long> seenMillis = new ConcurrentHashMap<>();
        private final Map<String, Long> replayBytes = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile long lastSeenMillis;

        ResultWatcher(String bootstrap, SchemaRegistryClient registry) {
            KafkaConsumer<String, SimulationResultEvent> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new AvroValueDeserializer<>(registry, SimulationResultEvent.class));
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.SIMULATION_RESULTS.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.SIMULATION_RESULTS.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            thread = new Thread(() -> {
                try (consumer) {
                    while (running.get()) {
                        var records = consumer.poll(Duration.ofMillis(50));
                        long now = System.currentTimeMillis();
                        for (ConsumerRecord<String, SimulationResultEvent> record : records) {
                            seenMillis.put(record.key(), now);
                            if (record.value().getPayload() instanceof SimulationCompleted completed) {
                                replayBytes.put(record.key(), completed.getReplay().getSizeBytes());
                            }
                        }
                        if (!records.isEmpty()) {
                            lastSeenMillis = now;
                        }
                    }
                }
            }, "result-watcher");
            thread.start();
        }

        void await(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (seenMillis.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seenMillis.size() + " of " + count + " results arrived");
                }
                Thread.sleep(10);
            }
        }

        long lastCommitSeenMillis() {
            return lastSeenMillis;
        }

        Stats stats(Map<String, Long> sentMillis) {
            long[] latencies = sentMillis.entrySet().stream()
                    .mapToLong(e -> seenMillis.get(e.getKey()) - e.getValue()).sorted().toArray();
            long replayTotal = sentMillis.keySet().stream().mapToLong(id -> replayBytes.getOrDefault(id, 0L)).sum();
            return new Stats(percentile(latencies, 0.50), percentile(latencies, 0.99), replayTotal / sentMillis.size());
        }

        private static long percentile(long[] sorted, double p) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
