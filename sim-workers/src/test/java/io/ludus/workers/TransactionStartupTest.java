package io.ludus.workers;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.ReplayStoreException;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction that starts while the coordinator still completes the previous one (after an abort,
 * or after a restart took over an open transaction) must not spray CONCURRENT_TRANSACTIONS retries
 * and the broker's OutOfOrderSequenceException errors into the logs.
 */
@Tag("integration")
@Timeout(180)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class TransactionStartupTest {

    @TempDir
    Path replays;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Logger root;

    @BeforeEach
    void captureLogs() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        root.detachAppender(logs);
        logs.stop();
    }

    @Test
    void theTransactionAfterAnAbortedBatchStartsWithoutSequenceOrConcurrencyErrors(TestKafka kafka, TestSchemaRegistry registry) {
        Pipeline pipeline = Pipeline.create(kafka, registry.url(), "txn-abort", 1);
        pipeline.produce(pipeline.validRequests(100));

        try (SimulationWorker worker = new SimulationWorker(pipeline.config(replays.toUri()), pipeline.registry,
                new FailingSecondCommit(new FileSystemReplayStore(replays)), Clock.systemUTC(), new SimpleMeterRegistry())) {
            worker.start();
            pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, 100);
        }

        assertThat(pipeline.readAll(pipeline.topics.results(), SimulationResultEvent.class)).hasSize(100);
        assertThat(noise(pipeline.prefix)).isEmpty();
    }

    @Test
    void aRestartedWorkerStartsWithoutSequenceOrConcurrencyErrors(TestKafka kafka, TestSchemaRegistry registry) {
        Pipeline pipeline = Pipeline.create(kafka, registry.url(), "txn-restart", 1);
        SimWorkerConfig config = pipeline.config(replays.toUri()).withInstanceId("restarted-" + System.nanoTime());
        for (int round = 1; round <= 3; round++) {
            pipeline.produce(pipeline.validRequests(40 * round).subList(40 * (round - 1), 40 * round));
            try (SimulationWorker worker = new SimulationWorker(config, pipeline.registry, new FileSystemReplayStore(replays),
                    Clock.systemUTC(), new SimpleMeterRegistry())) {
                worker.start();
                pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, 40 * round);
            }
        }

        assertThat(pipeline.readAll(pipeline.topics.results(), SimulationResultEvent.class)).hasSize(120);
        assertThat(noise(pipeline.prefix)).isEmpty();
    }

    /** Warnings and errors about this pipeline's partitions that name the two symptoms. */
    private List<String> noise(String prefix) {
        return logs.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " " + ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .filter(text -> text.contains(prefix))
                .filter(text -> text.contains("CONCURRENT_TRANSACTIONS") || text.contains("OutOfOrderSequence"))
                .map(text -> text.length() > 300 ? text.substring(0, 300) : text)
                .toList();
    }

    /** A real store whose second batch commit fails once, as a full disk would: that batch is aborted. */
    private static final class FailingSecondCommit extends ForwardingReplayStore.BeforeEachCommit {

        FailingSecondCommit(ReplayStore delegate) {
            super(delegate);
        }

        @Override
        void beforeCommit(int attempt) {
            if (attempt == 2) {
                throw new ReplayStoreException(ReplayStoreException.Reason.BACKEND, "batch", "disk full (injected)");
            }
        }
    }
}
