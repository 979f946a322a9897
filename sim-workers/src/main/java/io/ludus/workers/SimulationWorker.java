package io.ludus.workers;

import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.replay.store.ReplayBatch;
import io.ludus.replay.store.ReplayStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One consumer loop over {@code simulation-requests}: poll a batch, simulate it on a bounded pool, and commit
 * everything the batch produced together with its offsets in one Kafka transaction (EOS v2). The next batch is
 * polled and simulating before the previous one commits, so the pool never waits for the replay fsyncs or the
 * transaction round trips. A batch that fails as a whole (storage or registry down, broker error) is aborted and
 * re-read from its first offsets, with the batch behind it; a bad request only ever fails itself, as a
 * SimulationFailed.
 */
public final class SimulationWorker implements AutoCloseable {

    public enum State { CREATED, RUNNING, STOPPED, FAILED }

    private static final Logger LOG = LoggerFactory.getLogger(SimulationWorker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);
    private static final String TRANSACTIONAL_ID_PREFIX = "ludus-sim-workers-";

    private final SimWorkerConfig config;
    private final WorkerTopics topics;
    private final Clock clock;
    private final ReplayStore store;
    private final SimulationProcessor processor;
    private final WorkerMetrics metrics;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String transactionalId;
    /** Replaced when a failed transaction leaves it unusable; touched by the loop thread only after start. */
    private KafkaProducer<String, byte[]> producer;
    private final ExecutorService pool;
    private final Thread loop;
    private volatile State state = State.CREATED;
    private volatile boolean stopping;
    private volatile Set<TopicPartition> assignment = Set.of();
    /** The batch simulating on the pool, not yet committed; touched by the loop thread only. */
    private InFlight inFlight;

    public SimulationWorker(SimWorkerConfig config, SchemaRegistryClient registry, ReplayStore store, Clock clock,
                            MeterRegistry meters) {
        this(config, registry, store, SimulationProcessor.bundledEngine(), clock, meters);
    }

    SimulationWorker(SimWorkerConfig config, SchemaRegistryClient registry, ReplayStore store,
                     SimulationProcessor.Engine engine, Clock clock, MeterRegistry meters) {
        this.config = config;
        this.topics = config.topics();
        this.clock = clock;
        this.store = store;
        this.processor = new SimulationProcessor(topics, registry, engine, clock, config.replayBaseUri(), config.replayMaxAge());
        this.metrics = new WorkerMetrics(meters);
        this.transactionalId = TRANSACTIONAL_ID_PREFIX
                + (config.instanceId() != null ? config.instanceId() : UUID.randomUUID().toString());
        this.consumer = new KafkaConsumer<>(consumerConfig(config), new StringDeserializer(), new ByteArrayDeserializer());
        try {
            this.producer = newProducer();
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(config.effectiveThreads(), task -> {
            Thread thread = new Thread(task, "sim-worker-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.loop = new Thread(this::run, "sim-worker-loop");
    }

    private KafkaProducer<String, byte[]> newProducer() {
        return new KafkaProducer<>(producerConfig(config, transactionalId), new StringSerializer(), new ByteArraySerializer());
    }

    static Map<String, Object> consumerConfig(SimWorkerConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ludus-sim-worker-" + (config.instanceId() != null ? config.instanceId() : "dynamic"));
        if (config.instanceId() != null) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.instanceId());
        }
        return props;
    }

    static Map<String, Object> producerConfig(SimWorkerConfig config, String transactionalId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.transactionTimeout().toMillis());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // a transaction's first send can meet CONCURRENT_TRANSACTIONS while the previous commit's markers are
        // written; the default 100 ms backoff would then stall every batch
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        return props;
    }

    /** Starts the consumer loop on its own thread. */
    public void start() {
        if (state != State.CREATED) {
            throw new IllegalStateException("worker already started");
        }
        state = State.RUNNING;
        loop.start();
    }

    public State state() {
        return state;
    }

    public Set<TopicPartition> assignment() {
        return assignment;
    }

    public SimWorkerConfig config() {
        return config;
    }

    /** Stops polling, commits (or aborts) the batch in flight, leaves the group and closes the clients. */
    @Override
    public void close() {
        stopping = true;
        if (loop.isAlive()) {
            consumer.wakeup();
            join(config.shutdownTimeout());
            if (loop.isAlive()) {
                LOG.warn("Batch in flight did not finish within {}; aborting it", config.shutdownTimeout());
                pool.shutdownNow();
                loop.interrupt();
                join(config.shutdownTimeout());
            }
        } else if (state == State.CREATED) {
            consumer.close(Duration.ZERO);
            producer.close(Duration.ZERO);
        }
        pool.shutdownNow();
    }

    private void join(Duration timeout) {
        try {
            loop.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (consumer) {
            producer.initTransactions();
            consumer.subscribe(List.of(topics.requests()), new AssignmentTracker());
            while (!stopping) {
                ConsumerRecords<String, byte[]> records;
                try {
                    // with a batch simulating, only pick up what is already fetched: that batch must commit soon
                    records = consumer.poll(inFlight == null ? POLL_TIMEOUT : Duration.ZERO);
                } catch (WakeupException e) {
                    break;
                }
                updateLag();
                InFlight next = records.isEmpty() ? null : submit(records);
                InFlight previous = inFlight;
                inFlight = next;
                if (previous != null) {
                    // the pool simulates the next batch while this one commits
                    commitOrRetry(previous);
                }
            }
            finishInFlight();
            state = State.STOPPED;
        } catch (WakeupException e) {
            state = State.STOPPED;
        } catch (InterruptException e) {
            LOG.warn("Sim worker interrupted while shutting down");
            state = State.STOPPED;
        } catch (RuntimeException e) {
            LOG.error("Sim worker stopped: {}", e.toString(), e);
            state = State.FAILED;
        } finally {
            if (inFlight != null) {
                inFlight.discard();
                inFlight = null;
            }
            pool.shutdownNow();
            producer.close();
        }
    }

    /** Shutdown: the batch in flight commits (or is aborted, to be re-read by whoever takes the partitions). */
    private void finishInFlight() {
        InFlight last = inFlight;
        inFlight = null;
        if (last != null) {
            commitOrRetry(last);
        }
    }

    /**
     * Aborts the open transaction. A transaction the broker already aborted (open past transaction-timeout on a
     * stalled disk or a starved machine) leaves the producer in an error state where even the abort fails; a new
     * producer with the same transactional id then takes over, its init finishing whatever the old one left.
     */
    private void abortOrReplaceProducer() {
        try {
            producer.abortTransaction();
        } catch (ProducerFencedException | FencedInstanceIdException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("Sim worker's producer unusable ({}); starting a new one", e.toString());
            producer.close(Duration.ZERO);
            producer = newProducer();
            producer.initTransactions();
        }
    }

    /** Starts simulating a polled batch on the pool; its replays go into one replay batch. */
    private InFlight submit(ConsumerRecords<String, byte[]> records) {
        ReplayBatch replays = store.newBatch();
        List<Future<SimulationProcessor.Processed>> futures = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            futures.add(pool.submit(() -> processor.process(record, replays)));
        }
        return new InFlight(records, replays, futures);
    }

    /**
     * Commits {@code batch}; if that fails with a retriable error, aborts it and rewinds to its first offsets,
     * dropping the batch in flight behind it (which is re-read after it).
     */
    private void commitOrRetry(InFlight batch) {
        try {
            commit(batch);
        } catch (ProducerFencedException | FencedInstanceIdException | OutOfOrderSequenceException
                 | AuthorizationException e) {
            throw e;
        } catch (RuntimeException e) {
            // a transaction the broker aborted for its timeout lands here too (InvalidProducerEpochException,
            // InvalidTxnStateException): the producer is replaced and the batch simulated again. Stopping there
            // left the worker dead while its process and /health stayed up.
            LOG.warn("Batch of {} requests aborted and will be retried: {}", batch.records().count(), e.toString());
            metrics.batchAborted();
            abortOrReplaceProducer();
            InFlight behind = inFlight;
            inFlight = null;
            if (behind != null) {
                behind.discard();
                rewind(behind.records());
            }
            rewind(batch.records());
            if (!(e instanceof InterruptException)) {
                backOff();
            }
        }
    }

    private void commit(InFlight batch) {
        ReplayBatch replays = batch.replays();
        try (replays) {
            producer.beginTransaction();
            // Offsets first: the coordinator answers this (and the client retries it quietly) only once the previous
            // transaction's markers are written. A produce sent earlier, right after an abort or a restart's init,
            // met CONCURRENT_TRANSACTIONS while the batches behind it were refused as out of sequence.
            producer.sendOffsetsToTransaction(nextOffsets(batch.records()), consumer.groupMetadata());
            // outputs go out in request order as results arrive; after a failure every task is still awaited
            List<SimulationProcessor.Processed> done = new ArrayList<>(batch.futures().size());
            RuntimeException failure = null;
            for (Future<SimulationProcessor.Processed> future : batch.futures()) {
                try {
                    SimulationProcessor.Processed processed = future.get();
                    if (failure == null) {
                        producer.send(processed.output());
                        done.add(processed);
                    }
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new KafkaException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    pool.shutdownNow();
                    awaitPool();
                    throw new InterruptException(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            // the results name their replays, so the replays must be durable before the results are visible
            replays.commit();
            producer.commitTransaction();
            long now = clock.millis();
            done.forEach(processed -> metrics.committed(processed, now));
        }
    }

    /** A polled batch: its simulations, queued or running on the pool, and the replays they stage. */
    private record InFlight(ConsumerRecords<String, byte[]> records, ReplayBatch replays,
                            List<Future<SimulationProcessor.Processed>> futures) {

        /** Drops the batch: queued simulations never start, running ones find their replay batch closed. */
        void discard() {
            futures.forEach(future -> future.cancel(false));
            replays.close();
        }
    }

    private void awaitPool() {
        try {
            pool.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.getLast().offset() + 1));
        }
        return offsets;
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).getFirst().offset());
        }
    }

    private void backOff() {
        long deadline = System.nanoTime() + RETRY_BACKOFF.toNanos();
        while (!stopping && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition partition : assignment) {
            total += consumer.currentLag(partition).orElse(0);
        }
        metrics.lag(total);
    }

    /** Keeps a snapshot of the assignment for health and the lag gauge. */
    private final class AssignmentTracker implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // called inside poll, on the loop thread: the batch in flight commits while its offsets are still ours
            InFlight pending = inFlight;
            if (pending != null && !Collections.disjoint(pending.records().partitions(), partitions)) {
                inFlight = null;
                commitOrRetry(pending);
            }
            Set<TopicPartition> remaining = new HashSet<>(consumer.assignment());
            remaining.removeAll(partitions);
            assignment = Set.copyOf(remaining);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignment = Set.copyOf(consumer.assignment());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // another member owns them now and re-reads the batch in flight; committing it would be fenced
            if (inFlight != null) {
                inFlight.discard();
                inFlight = null;
            }
            assignment = Set.of();
        }
    }
}
