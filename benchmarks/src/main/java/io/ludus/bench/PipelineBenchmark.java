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
import io.ludus.workers.EventMapping;
import io.ludus.workers.SimWorkerConfig;
import io.ludus.workers.SimulationWorker;
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
import org.slf4j.LoggerFactory;
import ch.qos.logback.classic.Level;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sim workers end to end against (a) the engine alone, in one run, on the reference workload (random valid 3v3
 * loadouts from seeds 0..1023, as in SimEngineBenchmark) with the same thread count:
 * <ol>
 *   <li>engine only: battles/s with no sink;</li>
 *   <li>engine + replay recording + filesystem store, no Kafka (where the end-to-end time goes);</li>
 *   <li>end to end: requests on an embedded broker, one worker (replays to the filesystem), until every result is
 *       committed: sims/s from a backlog, then per-simulation latency (request produced to result committed,
 *       seen by a read_committed consumer) with requests paced at half that rate.</li>
 * </ol>
 * Args (key=value): requests (default 3000), warmup (requests run end to end before measuring; default the larger
 * of 2000 and requests/2), rounds (measured backlogs of {@code requests} each, in a row; (b) is the last; default 3),
 * threads (0 = cores), maxPollRecords (128).
 */
public final class PipelineBenchmark {

    private static final int WORKLOAD = 1024;

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
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));

        ContentPack pack = ContentPack.bundled();
        RandomLoadouts loadouts = new RandomLoadouts(pack);
        BattleSetup[] setups = new BattleSetup[WORKLOAD];
        for (int i = 0; i < WORKLOAD; i++) {
            setups[i] = loadouts.battle(i, 3, 3);
        }
        BattleSimulator simulator = new BattleSimulator(pack);
        Path dir = Files.createTempDirectory("ludus-pipeline-bench");
        System.out.printf("pipeline benchmark: %d requests, %d threads, max.poll.records %d, %d cores%n",
                requests, threads, maxPollRecords, Runtime.getRuntime().availableProcessors());

        parallel(threads, requests, i -> simulator.run(setups[i % WORKLOAD], BattleEventSink.NONE));
        double engineOnly = parallel(threads, requests, i -> simulator.run(setups[i % WORKLOAD], BattleEventSink.NONE));
        System.out.printf("(a) engine only:                  %8.0f sims/s%n", engineOnly);

        FileSystemReplayStore localStore = new FileSystemReplayStore(dir.resolve("local-replays"));
        int recorded = Math.min(requests, 500);
        double withReplay = parallel(threads, recorded, i -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            BattleSetup setup = setups[i % WORKLOAD];
            try (ReplayWriter writer = new ReplayWriter(out, ReplayHeader.of("local-" + i, BattleSimulator.ENGINE_VERSION, setup))) {
                simulator.run(setup, writer);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            localStore.put("local-" + i, out.toByteArray());
        });
        System.out.printf("    engine + replay + fs store:   %8.0f sims/s (%d battles, no Kafka)%n", withReplay, recorded);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.of(dir.resolve("kafka")));
             SchemaRegistryServer registryServer = SchemaRegistryServer.start(
                     SchemaRegistryConfig.of(kafka.bootstrapServers(), "127.0.0.1", 0));
             SchemaRegistryClient registry = new SchemaRegistryClient(registryServer.uri())) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30)).provision(Topics.ALL);
            }
            SimWorkerConfig config = SimWorkerConfig.defaults(kafka.bootstrapServers(), dir.resolve("replays").toUri())
                    .withThreads(threads).withMaxPollRecords(maxPollRecords);
            try (ResultWatcher results = new ResultWatcher(kafka.bootstrapServers(), registry);
                 RequestProducer producer = new RequestProducer(kafka.bootstrapServers(), registry, setups);
                 SimulationWorker worker = new SimulationWorker(config, registry,
                         new FileSystemReplayStore(dir.resolve("replays")), Clock.systemUTC(), new SimpleMeterRegistry())) {
                worker.start();
                // the JIT compiles broker, client and Avro code for tens of seconds on 2 cores; measure after that
                int warmup = Integer.parseInt(options.getOrDefault("warmup", String.valueOf(Math.max(2000, requests / 2))));
                producer.send("warm", warmup, 0);
                results.await(warmup);
                int seen = warmup;

                double e2e = 0;
                Stats backlogStats = null;
                for (int round = 1; round <= rounds; round++) {
                    long start = System.currentTimeMillis();
                    Map<String, Long> backlog = producer.send("run" + round, requests, 0);
                    seen += requests;
                    results.await(seen);
                    e2e = requests * 1000.0 / (results.lastCommitSeenMillis() - start);
                    backlogStats = results.stats(backlog);
                    System.out.printf("    round %d of %d:                %8.0f sims/s%n", round, rounds, e2e);
                }

                double pacedRate = e2e / 2;
                int pacedCount = (int) Math.max(200, Math.min(requests, pacedRate * 10));
                Map<String, Long> paced = producer.send("paced", pacedCount, pacedRate);
                results.await(seen + pacedCount);
                Stats pacedStats = results.stats(paced);

                System.out.printf("(b) end to end:                   %8.0f sims/s (last round: %d requests from a backlog)%n", e2e, requests);
                System.out.printf("    latency at %.0f req/s (paced): p50 %d ms, p99 %d ms (%d requests)%n",
                        pacedRate, pacedStats.p50, pacedStats.p99, pacedCount);
                System.out.printf("    latency draining the backlog:  p50 %d ms, p99 %d ms%n", backlogStats.p50, backlogStats.p99);
                System.out.printf("    mean compressed replay size:   %d bytes%n", backlogStats.meanReplayBytes);
                System.out.printf("(b)/(a) = %.2f%n", e2e / engineOnly);
            }
        }
    }

    interface Task {
        void run(int index) throws Exception;
    }

    /** Runs {@code count} tasks on {@code threads} threads; returns tasks per second. */
    private static double parallel(int threads, int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
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
            return count / ((System.nanoTime() - start) / 1e9);
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
