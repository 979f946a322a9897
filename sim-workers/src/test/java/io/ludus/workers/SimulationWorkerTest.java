package io.ludus.workers;

import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationFailed;
import io.ludus.events.simulation.SimulationFailureReason;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.replay.store.FileSystemReplayStore;
import io.ludus.replay.store.ReplayStore;
import io.ludus.replay.store.ReplayStoreException;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.UnitLoadout;
import io.ludus.testkit.KafkaExtension;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestKafka;
import io.ludus.testkit.TestSchemaRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("integration")
@Timeout(120)
@ExtendWith({KafkaExtension.class, SchemaRegistryExtension.class})
class SimulationWorkerTest {

    @TempDir
    Path replays;

    @Test
    void commitsEveryResultAndItsOutputsExactlyOnce(TestKafka kafka, TestSchemaRegistry registry) {
        Pipeline pipeline = Pipeline.create(kafka, registry.url(), "exactly-once", 3);
        List<SimulationRequestEvent> requests = pipeline.validRequests(200);
        pipeline.produce(requests);
        ReplayStore store = new FileSystemReplayStore(replays);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        try (SimulationWorker worker = new SimulationWorker(pipeline.config(replays.toUri()), pipeline.registry, store,
                Clock.systemUTC(), meters)) {
            worker.start();
            pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, 200);
            assertThat(worker.state()).isEqualTo(SimulationWorker.State.RUNNING);
        }

        Map<String, SimulationRequestEvent> byMatch = requests.stream().collect(Collectors.toMap(
                r -> ((SimulationRequested) r.getPayload()).getMatchId(), Function.identity()));
        List<ConsumerRecord<String, SimulationResultEvent>> results = pipeline.readAll(pipeline.topics.results(), SimulationResultEvent.class);
        assertThat(results).hasSize(200);
        assertThat(results.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(byMatch.keySet());
        for (ConsumerRecord<String, SimulationResultEvent> record : results) {
            SimulationResultEvent event = record.value();
            SimulationRequestEvent cause = byMatch.get(record.key());
            assertThat(event.getCausationId()).isEqualTo(cause.getEventId().toString());
            assertThat(event.getCorrelationId()).isEqualTo(cause.getCorrelationId());
            assertThat(event.getPayload()).isInstanceOf(SimulationCompleted.class);
            SimulationCompleted completed = (SimulationCompleted) event.getPayload();
            assertThat(completed.getMatchId()).isEqualTo(record.key());
            assertThat(completed.getUnits()).hasSize(6);
            assertThat(completed.getPlayers()).hasSize(2);
            assertThat(store.get(record.key(), completed.getReplay().getSha256()).ref().sizeBytes())
                    .isEqualTo(completed.getReplay().getSizeBytes());
        }

        // each result carries what the match-results stage derives MatchCompleted and ReplayStored from
        assertThat(results).allSatisfy(r -> {
            SimulationCompleted completed = (SimulationCompleted) r.value().getPayload();
            SimulationRequested request = (SimulationRequested) byMatch.get(r.key()).getPayload();
            assertThat(completed.getSideA().getPlayerId()).isEqualTo(request.getTeamA().getPlayerId());
            assertThat(completed.getSideB().getPlayerId()).isEqualTo(request.getTeamB().getPlayerId());
            assertThat(completed.getSideA().getTicketId()).isEqualTo(request.getTeamA().getTicketId());
            assertThat(completed.getSideB().getRating()).isEqualTo(request.getTeamB().getRating());
            assertThat(completed.getQueueId()).isEqualTo(request.getQueueId());
            assertThat(completed.getRanked()).isEqualTo(request.getRanked());
        });
        assertThat(meters.counter("ludus.sim.simulations", "outcome", "completed", "reason", "none").count()).isEqualTo(200);
    }

    @Test
    void workersJoiningAndLeavingMidBacklogHandOverPartitionsWithoutLosingOrDoublingAResult(TestKafka kafka,
                                                                                            TestSchemaRegistry registry)
            throws InterruptedException {
        Pipeline pipeline = Pipeline.create(kafka, registry.url(), "rebalance", 4);
        int count = 1000;
        List<SimulationRequestEvent> requests = pipeline.validRequests(count);
        pipeline.produce(requests);
        // small batches of battles slowed to 20 ms on one thread each: the backlog (20 s for one worker) outlasts both
        // rebalances, even on a loaded machine where joining a group takes seconds, and a worker has a batch in flight
        // whenever its partitions are revoked or it is closed (at 5 ms the first worker could finish it alone)
        SimWorkerConfig config = pipeline.config(replays.toUri()).withThreads(1).withMaxPollRecords(10);
        SimulationProcessor.Engine real = SimulationProcessor.bundledEngine();
        SimulationProcessor.Engine slow = (pack, setup, sink) -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.run(pack, setup, sink);
        };
        SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
        SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();

        SimulationWorker first = new SimulationWorker(config, pipeline.registry, new FileSystemReplayStore(replays),
                slow, Clock.systemUTC(), firstMeters);
        try (SimulationWorker second = new SimulationWorker(config, pipeline.registry,
                new FileSystemReplayStore(replays), slow, Clock.systemUTC(), secondMeters)) {
            try (first) {
                first.start();
                pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, 50);
                second.start();
                awaitCompleted(secondMeters, 1);
                assertThat(first.state()).isEqualTo(SimulationWorker.State.RUNNING);
            }
            // the first worker committed its batch in flight and left; the second takes every partition
            assertThat(first.state()).isEqualTo(SimulationWorker.State.STOPPED);
            assertThat(completed(firstMeters) + completed(secondMeters)).as("the backlog outlasted the first worker")
                    .isLessThan(count);
            pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, count);
            assertThat(second.state()).isEqualTo(SimulationWorker.State.RUNNING);
        }

        assertThat(completed(firstMeters)).isPositive();
        assertThat(completed(secondMeters)).isPositive();
        assertThat(completed(firstMeters) + completed(secondMeters)).isEqualTo(count);
        List<ConsumerRecord<String, SimulationResultEvent>> results = pipeline.readAll(pipeline.topics.results(), SimulationResultEvent.class);
        assertThat(results).hasSize(count);
        assertThat(results.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(requests.stream()
                .map(r -> ((SimulationRequested) r.getPayload()).getMatchId()).collect(Collectors.toSet()));
    }

    private static double completed(SimpleMeterRegistry meters) {
        return meters.counter("ludus.sim.simulations", "outcome", "completed", "reason", "none").count();
    }

    private static void awaitCompleted(SimpleMeterRegistry meters, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (completed(meters) < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("worker completed " + completed(meters) + " simulations, expected " + atLeast);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void poisonRequestsFailWithTheirReasonAndLaterRequestsStillRun(TestKafka kafka, TestSchemaRegistry registry) {
        Pipeline pipeline = Pipeline.create(kafka, registry.url(), "poison", 1);
        RandomLoadouts loadouts = new RandomLoadouts(Pipeline.PACK);
        BattleSetup good = loadouts.battle(1, 3, 3);
        BattleSetup unknownContent = new BattleSetup("no-such-content", 2, good.teamA(), good.teamB());
        UnitLoadout bogusUnit = new UnitLoadout("no_such_class", List.of(), good.teamA().units().getFirst().tactics());
        BattleSetup invalidLoadout = new BattleSetup(good.contentVersion(), 3,
                new TeamLoadout(good.teamA().playerId(), List.of(bogusUnit)), good.teamB());
        String first = pipeline.matchId("first");
        String unknown = pipeline.matchId("unknown-content");
        String invalid = pipeline.matchId("invalid-loadout");
        String garbage = pipeline.matchId("garbage");
        String last = pipeline.matchId("last");

        pipeline.produce(List.of(Pipeline.request(first, good), Pipeline.request(unknown, unknownContent),
                Pipeline.request(invalid, invalidLoadout)));
        pipeline.produceRaw(List.of(new ProducerRecord<>(pipeline.topics.requests(), garbage,
                "definitely not avro".getBytes(StandardCharsets.UTF_8))));
        pipeline.produce(List.of(Pipeline.request(last, loadouts.battle(5, 3, 3))));

        try (SimulationWorker worker = new SimulationWorker(pipeline.config(replays.toUri()), pipeline.registry,
                new FileSystemReplayStore(replays), Clock.systemUTC(), new SimpleMeterRegistry())) {
            worker.start();
            pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, 5);
        }

        List<ConsumerRecord<String, SimulationResultEvent>> results = pipeline.readAll(pipeline.topics.results(), SimulationResultEvent.class);
        assertThat(results.stream().map(ConsumerRecord::key)).containsExactly(first, unknown, invalid, garbage, last);
        assertThat(results.get(0).value().getPayload()).isInstanceOf(SimulationCompleted.class);
        assertThat(failure(results.get(1)).getReason()).isEqualTo(SimulationFailureReason.UNKNOWN_CONTENT_VERSION);
        assertThat(failure(results.get(2)).getReason()).isEqualTo(SimulationFailureReason.INVALID_LOADOUT);
        assertThat(failure(results.get(2)).getMessage()).contains("no_such_class");
        assertThat(failure(results.get(3)).getReason()).isEqualTo(SimulationFailureReason.OTHER);
        assertThat(failure(results.get(3)).getMatchId()).isEqualTo(garbage);
        assertThat(failure(results.get(3)).getMessage()).startsWith("undecodable request");
        assertThat(results.get(4).value().getPayload()).isInstanceOf(SimulationCompleted.class);
        // a decodable request's failure names its sides, so its match can be aborted downstream; garbage names none
        assertThat(failure(results.get(1)).getSideA()).isNotNull();
        assertThat(failure(results.get(2)).getSideB()).isNotNull();
        assertThat(failure(results.get(3)).getSideA()).isNull();
    }

    @Test
    void engineErrorsFailTheirOwnRequestWithoutBlockingThePartition(TestKafka kafka, TestSchemaRegistry registry) {
        Pipeline pipeline = Pipeline.create(kafka, registry.url(), "engine-error", 1);
        RandomLoadouts loadouts = new RandomLoadouts(Pipeline.PACK);
        String overflow = pipeline.matchId("overflow");
        String bug = pipeline.matchId("bug");
        String last = pipeline.matchId("last");
        pipeline.produce(List.of(Pipeline.request(overflow, loadouts.battle(11, 3, 3)),
                Pipeline.request(bug, loadouts.battle(12, 3, 3)), Pipeline.request(last, loadouts.battle(13, 3, 3))));
        SimulationProcessor.Engine real = SimulationProcessor.bundledEngine();
        SimulationProcessor.Engine failing = (pack, setup, sink) -> switch ((int) setup.seed()) {
            // a StackOverflowError would recur on every retry, so it must not fail the batch
            case 11 -> throw new StackOverflowError();
            case 12 -> throw new IllegalStateException("engine bug");
            default -> real.run(pack, setup, sink);
        };

        try (SimulationWorker worker = new SimulationWorker(pipeline.config(replays.toUri()), pipeline.registry,
                new FileSystemReplayStore(replays), failing, Clock.systemUTC(), new SimpleMeterRegistry())) {
            worker.start();
            pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, 3);
        }

        List<ConsumerRecord<String, SimulationResultEvent>> results = pipeline.readAll(pipeline.topics.results(), SimulationResultEvent.class);
        assertThat(results.stream().map(ConsumerRecord::key)).containsExactly(overflow, bug, last);
        assertThat(failure(results.get(0)).getReason()).isEqualTo(SimulationFailureReason.ENGINE_ERROR);
        assertThat(failure(results.get(0)).getMessage()).contains("StackOverflowError");
        assertThat(failure(results.get(1)).getReason()).isEqualTo(SimulationFailureReason.ENGINE_ERROR);
        assertThat(failure(results.get(1)).getMessage()).contains("engine bug");
        assertThat(results.get(2).value().getPayload()).isInstanceOf(SimulationCompleted.class);
    }

    @Test
    void aBatchWhoseCommitFailsIsRetriedWithTheBatchSimulatingBehindItAndNothingIsDoubled(TestKafka kafka,
                                                                                          TestSchemaRegistry registry) {
        Pipeline pipeline = Pipeline.create(kafka, registry.url(), "failed-commit", 1);
        List<SimulationRequestEvent> requests = pipeline.validRequests(200);
        pipeline.produce(requests);
        // batches of 20 from a backlog: whenever a commit fails, the next batch is already simulating
        FailingCommits store = new FailingCommits(new FileSystemReplayStore(replays), Set.of(2, 5));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        try (SimulationWorker worker = new SimulationWorker(pipeline.config(replays.toUri()), pipeline.registry, store,
                Clock.systemUTC(), meters)) {
            worker.start();
            pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, 200);
        }

        assertThat(store.commits.get()).isGreaterThan(5);
        assertThat(meters.counter("ludus.sim.batches.aborted").count()).isEqualTo(2);
        List<ConsumerRecord<String, SimulationResultEvent>> results = pipeline.readAll(pipeline.topics.results(), SimulationResultEvent.class);
        Set<String> expected = requests.stream().map(r -> ((SimulationRequested) r.getPayload()).getMatchId())
                .collect(Collectors.toSet());
        assertThat(results).hasSize(200);
        assertThat(results.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(expected);
        for (ConsumerRecord<String, SimulationResultEvent> record : results) {
            SimulationCompleted completed = (SimulationCompleted) record.value().getPayload();
            assertThat(store.get(record.key(), completed.getReplay().getSha256()).ref().sizeBytes())
                    .isEqualTo(completed.getReplay().getSizeBytes());
        }
        assertThat(meters.counter("ludus.sim.simulations", "outcome", "completed", "reason", "none").count()).isEqualTo(200);
    }

    @Test
    @Timeout(180)
    void aBatchThatOutlivesItsTransactionTimeoutIsSimulatedAgainAndTheWorkerKeepsRunning(TestKafka kafka,
                                                                                       TestSchemaRegistry registry) {
        Pipeline pipeline = Pipeline.create(kafka, registry.url(), "timed-out", 1);
        List<SimulationRequestEvent> requests = pipeline.validRequests(100);
        pipeline.produce(requests);
        // the second batch's replays take longer to store than the transaction may stay open: the broker aborts it
        // (its check runs every few seconds) and bumps the producer's epoch
        StallingCommits store = new StallingCommits(new FileSystemReplayStore(replays), 2, Duration.ofSeconds(15));
        SimWorkerConfig config = pipeline.config(replays.toUri());
        config = new SimWorkerConfig(config.bootstrapServers(), config.groupId(), config.threads(), config.maxPollRecords(),
                config.instanceId(), config.topicPrefix(), Duration.ofSeconds(2), config.shutdownTimeout(),
                config.replayBaseUri(), config.replayMaxAge());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        try (SimulationWorker worker = new SimulationWorker(config, pipeline.registry, store, Clock.systemUTC(), meters)) {
            worker.start();
            pipeline.awaitAtLeast(pipeline.topics.results(), SimulationResultEvent.class, 100);
            assertThat(worker.state()).isEqualTo(SimulationWorker.State.RUNNING);
        }

        assertThat(meters.counter("ludus.sim.batches.aborted").count()).isGreaterThanOrEqualTo(1);
        List<ConsumerRecord<String, SimulationResultEvent>> results = pipeline.readAll(pipeline.topics.results(), SimulationResultEvent.class);
        assertThat(results).hasSize(100);
        assertThat(results.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(requests.stream()
                .map(r -> ((SimulationRequested) r.getPayload()).getMatchId()).collect(Collectors.toSet()));
    }

    /** A real store whose {@code stalled}-th batch commit takes {@code stall} first, as a stalled disk would. */
    private static final class StallingCommits extends ForwardingReplayStore.BeforeEachCommit {
        private final int stalled;
        private final Duration stall;

        StallingCommits(ReplayStore delegate, int stalled, Duration stall) {
            super(delegate);
            this.stalled = stalled;
            this.stall = stall;
        }

        @Override
        void beforeCommit(int attempt) {
            if (attempt == stalled) {
                try {
                    Thread.sleep(stall);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A real store whose batch commits fail, as a full disk would, on the given attempts (1-based). */
    private static final class FailingCommits extends ForwardingReplayStore.BeforeEachCommit {
        private final Set<Integer> failing;

        FailingCommits(ReplayStore delegate, Set<Integer> failing) {
            super(delegate);
            this.failing = failing;
        }

        @Override
        void beforeCommit(int attempt) {
            if (failing.contains(attempt)) {
                throw new ReplayStoreException(ReplayStoreException.Reason.BACKEND, "batch", "disk full (injected)");
            }
        }
    }

    private static SimulationFailed failure(ConsumerRecord<String, SimulationResultEvent> record) {
        assertThat(record.value().getPayload()).isInstanceOf(SimulationFailed.class);
        return (SimulationFailed) record.value().getPayload();
    }
}
