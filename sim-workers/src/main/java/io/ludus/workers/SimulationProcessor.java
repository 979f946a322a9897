package io.ludus.workers;

import io.ludus.events.common.ReplayReference;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.serde.AvroValueDeserializer;
import io.ludus.events.serde.AvroValueSerializer;
import io.ludus.events.serde.EventSerializationException;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationFailed;
import io.ludus.events.simulation.SimulationFailureReason;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.simevents.EventMapping;
import io.ludus.replay.format.ReplayFormat;
import io.ludus.replay.format.ReplayHeader;
import io.ludus.replay.format.ReplayWriter;
import io.ludus.replay.store.ReplayBatch;
import io.ludus.replay.store.ReplayRef;
import io.ludus.replay.store.ReplayStoreException;
import io.ludus.sim.BattleEventSink;
import io.ludus.sim.BattleResult;
import io.ludus.sim.BattleSetup;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.InvalidBattleSetupException;
import io.ludus.sim.content.ContentPack;
import io.ludus.sim.content.ContentPacks;
import io.ludus.sim.content.UnknownContentVersionException;
import io.ludus.sim.validation.LoadoutError;
import io.ludus.sim.validation.LoadoutValidator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Turns one simulation request into its one result record: SimulationCompleted, or SimulationFailed for a bad
 * request. Each carries what the match-results stage of the matchmaker needs to derive MatchCompleted, MatchAborted
 * and ReplayStored, and the notifier derives notifications from those. Thread-safe. Failures
 * that a retry may cure (replay storage or the registry unreachable) are thrown, so the batch is retried.
 */
final class SimulationProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SimulationProcessor.class);
    private static final String ENGINE_VERSION = Integer.toString(BattleSimulator.ENGINE_VERSION);
    private static final int MAX_MESSAGE_CHARS = 1000;
    private static final int INITIAL_REPLAY_BUFFER = 16 * 1024;

    /** What one request produced: its one result record. {@code failure} is null for a completed simulation. */
    record Processed(String matchId, ProducerRecord<String, byte[]> output, SimulationFailureReason failure,
                     Instant requestedAt, long engineNanos, long replayBytes) {}

    private final WorkerTopics topics;
    private final Engine engine;
    private final Clock clock;
    private final URI replayBaseUri;
    private final Duration replayMaxAge;
    private final AvroValueDeserializer<SimulationRequestEvent> requests;
    private final AvroValueSerializer<SimulationResultEvent> results;

    /** Plays one battle. The real one is {@link #bundledEngine()}; tests substitute one that fails. */
    interface Engine {
        BattleResult run(ContentPack pack, BattleSetup setup, BattleEventSink sink);
    }

    /** One {@link BattleSimulator} per content version, created on first use. */
    static Engine bundledEngine() {
        Map<String, BattleSimulator> simulators = new ConcurrentHashMap<>();
        return (pack, setup, sink) -> simulators.computeIfAbsent(pack.version(), v -> new BattleSimulator(pack)).run(setup, sink);
    }

    SimulationProcessor(WorkerTopics topics, SchemaRegistryClient registry, Engine engine, Clock clock,
                        URI replayBaseUri, Duration replayMaxAge) {
        this.topics = topics;
        this.engine = engine;
        this.clock = clock;
        this.replayBaseUri = replayBaseUri;
        this.replayMaxAge = replayMaxAge;
        this.requests = new AvroValueDeserializer<>(registry, SimulationRequestEvent.class);
        this.results = new AvroValueSerializer<>(registry, SimulationResultEvent.class);
    }

    /** Simulates {@code record}'s request; its replay is staged in {@code replays}, which the caller commits. */
    Processed process(ConsumerRecord<String, byte[]> record, ReplayBatch replays) {
        String key = record.key() == null ? "" : record.key();
        SimulationRequestEvent event;
        try {
            event = requests.deserialize(record.topic(), record.value());
        } catch (EventSerializationException e) {
            LOG.warn("Undecodable simulation request at {}-{}@{} (match {}): {}",
                    record.topic(), record.partition(), record.offset(), key, e.getMessage());
            return failed(key, key, null, null, null, SimulationFailureReason.OTHER, "undecodable request: " + e.getMessage());
        }
        if (event == null || !(event.getPayload() instanceof SimulationRequested request)) {
            return failed(key, key, null, null, null, SimulationFailureReason.OTHER, "request has no SimulationRequested payload");
        }
        Envelope cause = new Envelope(event.getEventId(), event.getCorrelationId(), event.getOccurredAt());
        String matchId = request.getMatchId();

        ContentPack pack;
        try {
            pack = ContentPacks.byVersion(request.getContentVersion());
        } catch (UnknownContentVersionException e) {
            return failed(key, matchId, request, cause, e, SimulationFailureReason.UNKNOWN_CONTENT_VERSION, e.getMessage());
        }
        BattleSetup setup;
        List<LoadoutError> errorsA;
        List<LoadoutError> errorsB;
        try {
            setup = EventMapping.toSetup(request);
            errorsA = LoadoutValidator.validate(pack, setup.teamA());
            errorsB = LoadoutValidator.validate(pack, setup.teamB());
        } catch (RuntimeException | StackOverflowError e) {
            // whatever this request makes throw, it would throw again on every retry of the batch
            LOG.error("Request for match {} (correlation {}) does not map to a battle", matchId, cause.correlationId(), e);
            return failed(key, matchId, request, cause, null, SimulationFailureReason.INVALID_LOADOUT,
                    "request does not map to a valid battle: " + e);
        }
        if (!errorsA.isEmpty() || !errorsB.isEmpty()) {
            return failed(key, matchId, request, cause, null, SimulationFailureReason.INVALID_LOADOUT,
                    "team A: " + describe(errorsA) + "; team B: " + describe(errorsB));
        }

        ByteArrayOutputStream replay = new ByteArrayOutputStream(INITIAL_REPLAY_BUFFER);
        BattleResult result;
        long engineNanos;
        try (ReplayWriter writer = new ReplayWriter(replay, ReplayHeader.of(matchId, BattleSimulator.ENGINE_VERSION, setup))) {
            long start = System.nanoTime();
            result = engine.run(pack, setup, writer);
            engineNanos = System.nanoTime() - start;
        } catch (IllegalArgumentException e) {
            // the replay header's limits (string lengths) are tighter than the validator's
            return failed(key, matchId, request, cause, e, SimulationFailureReason.INVALID_LOADOUT, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory replay buffer failed for match " + matchId, e);
        } catch (RuntimeException | StackOverflowError | AssertionError e) {
            // errors this request causes, and would cause again on every retry; OutOfMemoryError and
            // linkage errors are the process's, so they fail the batch and it is retried
            LOG.error("Engine failed on match {} (correlation {})", matchId, cause.correlationId(), e);
            return failed(key, matchId, request, cause, null, SimulationFailureReason.ENGINE_ERROR, String.valueOf(e));
        }

        ReplayRef ref;
        try {
            ref = replays.put(matchId, replay.toByteArray());
        } catch (ReplayStoreException e) {
            if (e.reason() == ReplayStoreException.Reason.BACKEND) {
                throw e;
            }
            return failed(key, matchId, request, cause, e, SimulationFailureReason.REPLAY_STORAGE_FAILED, e.getMessage());
        }
        return completed(key, matchId, request, cause, result, ref, engineNanos);
    }

    private Processed completed(String key, String matchId, SimulationRequested request, Envelope cause,
                                BattleResult result, ReplayRef ref, long engineNanos) {
        Instant now = clock.instant();
        ReplayReference replay = ReplayReference.newBuilder()
                .setKey(ref.key())
                .setUri(replayBaseUri.resolve(ref.key()).toString())
                .setSizeBytes(ref.sizeBytes())
                .setSha256(ref.sha256())
                .setFormatVersion(ReplayFormat.CURRENT_VERSION)
                .build();
        String playerA = request.getTeamA().getPlayerId();
        String playerB = request.getTeamB().getPlayerId();
        ProducerRecord<String, byte[]> out = result(key, now, cause, SimulationCompleted.newBuilder()
                .setMatchId(matchId)
                .setOutcome(EventMapping.outcome(result.outcome()))
                .setTicks(result.ticks())
                .setUnits(EventMapping.unitStats(result))
                .setPlayers(EventMapping.players(result, playerA, playerB))
                .setReplay(replay)
                .setContentVersion(request.getContentVersion())
                .setEngineVersion(ENGINE_VERSION)
                .setSideA(EventMapping.simulatedSide(request.getTeamA()))
                .setSideB(EventMapping.simulatedSide(request.getTeamB()))
                .setQueueId(request.getQueueId())
                .setRanked(request.getRanked())
                .setReplayExpiresAt(replayMaxAge == null ? null : ref.storedAt().plus(replayMaxAge))
                .build());
        return new Processed(matchId, out, null, cause.occurredAt(), engineNanos, ref.sizeBytes());
    }

    private Processed failed(String key, String matchId, SimulationRequested request, Envelope cause, Exception error,
                             SimulationFailureReason reason, String message) {
        if (error != null) {
            LOG.warn("Simulation of match {} failed: {} {}", matchId, reason, message);
        }
        Envelope envelope = cause != null ? cause : new Envelope((String) null, matchId.isEmpty() ? "unknown" : matchId, null);
        SimulationFailed.Builder failed = SimulationFailed.newBuilder()
                .setMatchId(matchId)
                .setReason(reason)
                .setMessage(truncate(message));
        if (request != null) {
            failed.setSideA(EventMapping.simulatedSide(request.getTeamA()))
                    .setSideB(EventMapping.simulatedSide(request.getTeamB()))
                    .setQueueId(request.getQueueId());
        }
        ProducerRecord<String, byte[]> out = result(key, clock.instant(), envelope, failed.build());
        return new Processed(matchId, out, reason, envelope.occurredAt(), 0, 0);
    }

    private ProducerRecord<String, byte[]> result(String key, Instant now, Envelope cause, SpecificRecord payload) {
        String topic = topics.results();
        return new ProducerRecord<>(topic, key, results.serialize(topic, SimulationResultEvent.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(now)
                .setCorrelationId(cause.correlationId()).setCausationId(cause.eventId())
                .setPayload(payload)
                .build()));
    }


    private static String describe(List<LoadoutError> errors) {
        return errors.isEmpty() ? "valid" : errors.stream().map(LoadoutError::toString).collect(Collectors.joining(", "));
    }

    private static String truncate(String message) {
        String text = message == null ? "" : message;
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /** The request's metadata that its outputs carry on: causation is the request's event id. */
    private record Envelope(String eventId, String correlationId, Instant occurredAt) {
        Envelope(UUID eventId, String correlationId, Instant occurredAt) {
            this(eventId == null ? null : eventId.toString(), correlationId, occurredAt);
        }
    }
}
