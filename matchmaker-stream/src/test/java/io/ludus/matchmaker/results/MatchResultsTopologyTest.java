package io.ludus.matchmaker.results;

import io.ludus.events.common.Outcome;
import io.ludus.events.common.PlayerResult;
import io.ludus.events.common.ReplayReference;
import io.ludus.events.common.Team;
import io.ludus.events.match.MatchAbortReason;
import io.ludus.events.match.MatchAborted;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchPlayerStats;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.replay.ReplayEvent;
import io.ludus.events.replay.ReplayStored;
import io.ludus.events.simulation.PlayerSummary;
import io.ludus.events.simulation.SimulatedSide;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationFailed;
import io.ludus.events.simulation.SimulationFailureReason;
import io.ludus.events.simulation.SimulationResultEvent;
import io.ludus.events.simulation.UnitStats;
import io.ludus.events.topic.Topics;
import io.ludus.matchmaker.topology.MatchmakerTopics;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestSchemaRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
@ExtendWith(SchemaRegistryExtension.class)
class MatchResultsTopologyTest {

    private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
    private static final SimulatedSide ALICE = new SimulatedSide("alice", "t-alice", 1512.5, 82.5, false);
    private static final SimulatedSide BOB = new SimulatedSide("bob", "t-bob", 1490.0, 120.0, false);
    private static final ReplayReference REPLAY = new ReplayReference("replays/2026/12/m-1.lrp",
            "https://replays.example/replays/2026/12/m-1.lrp", 1834L, "ab12", 1);

    private static SchemaRegistryClient registry;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SimulationResultEvent> results;
    private TestOutputTopic<String, MatchEvent> matches;
    private TestOutputTopic<String, ReplayEvent> replayEvents;

    @BeforeAll
    static void registry(TestSchemaRegistry testRegistry) {
        registry = new SchemaRegistryClient(URI.create(testRegistry.url()));
    }

    @AfterAll
    static void closeRegistry() {
        registry.close();
    }

    @BeforeEach
    void driver() throws Exception {
        MatchmakerTopics topics = MatchmakerTopics.withPrefix("");
        StreamsBuilder builder = new StreamsBuilder();
        MatchResultsTopology.build(builder, topics, registry);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "match-results-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("match-results-ttd").toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), props, AT);
        var keys = Serdes.String();
        results = driver.createInputTopic(topics.simulationResults(), keys.serializer(), Topics.SIMULATION_RESULTS.valueSerde(registry).serializer());
        matches = driver.createOutputTopic(topics.matches(), keys.deserializer(), Topics.MATCHES.valueSerde(registry).deserializer());
        replayEvents = driver.createOutputTopic(topics.replayEvents(), keys.deserializer(), Topics.REPLAY_EVENTS.valueSerde(registry).deserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aCompletedSimulationCompletesItsMatchAndIndexesItsReplay() {
        SimulationResultEvent result = envelope(completed(ALICE, BOB));

        results.pipeInput("m-1", result);

        List<MatchEvent> out = matches.readValuesToList();
        assertThat(out).hasSize(1);
        MatchEvent event = out.getFirst();
        assertThat(event.getCausationId()).isEqualTo(result.getEventId().toString());
        assertThat(event.getCorrelationId()).isEqualTo("corr-m-1");
        assertThat(event.getOccurredAt()).isEqualTo(AT);
        MatchCompleted completed = (MatchCompleted) event.getPayload();
        assertThat(completed.getMatchId()).isEqualTo("m-1");
        assertThat(completed.getQueueId()).isEqualTo("ranked-1v1");
        assertThat(completed.getRanked()).isTrue();
        assertThat(completed.getTeamAPlayerId()).isEqualTo("alice");
        assertThat(completed.getTeamBPlayerId()).isEqualTo("bob");
        assertThat(completed.getOutcome()).isEqualTo(Outcome.TEAM_A_WINS);
        assertThat(completed.getTicks()).isEqualTo(842);
        assertThat(completed.getReplay()).isEqualTo(REPLAY);
        assertThat(completed.getSideA().getTicketId()).isEqualTo("t-alice");
        assertThat(completed.getSideA().getRating()).isEqualTo(1512.5);
        assertThat(completed.getSideB().getDeviation()).isEqualTo(120.0);
        assertThat(completed.getPlayers()).extracting(MatchPlayerStats::getPlayerId).containsExactly("alice", "bob");
        assertThat(completed.getPlayers().get(0).getClassIds()).containsExactly("knight", "cleric");
        assertThat(completed.getPlayers().get(1).getDeaths()).isEqualTo(2);

        List<ReplayEvent> stored = replayEvents.readValuesToList();
        assertThat(stored).hasSize(1);
        ReplayStored replay = (ReplayStored) stored.getFirst().getPayload();
        assertThat(replay.getMatchId()).isEqualTo("m-1");
        assertThat(replay.getReplay()).isEqualTo(REPLAY);
        assertThat(replay.getContentVersion()).isEqualTo("content-3");
        assertThat(replay.getExpiresAt()).isEqualTo(AT.plus(Duration.ofDays(90)));
    }

    @Test
    void aFailedSimulationAbortsItsMatchAndStoresNoReplay() {
        results.pipeInput("m-2", envelope(new SimulationFailed("m-2", SimulationFailureReason.INVALID_LOADOUT,
                "team A: valid; team B: no_such_class", ALICE, BOB, "ranked-1v1")));

        MatchAborted aborted = (MatchAborted) matches.readValue().getPayload();
        assertThat(aborted.getMatchId()).isEqualTo("m-2");
        assertThat(aborted.getQueueId()).isEqualTo("ranked-1v1");
        assertThat(aborted.getTeamAPlayerId()).isEqualTo("alice");
        assertThat(aborted.getTeamBPlayerId()).isEqualTo("bob");
        assertThat(aborted.getReason()).isEqualTo(MatchAbortReason.SIMULATION_FAILED);
        assertThat(aborted.getMessage()).isEqualTo("INVALID_LOADOUT: team A: valid; team B: no_such_class");
        assertThat(matches.isEmpty()).isTrue();
        assertThat(replayEvents.isEmpty()).isTrue();
    }

    @Test
    void aFailureWhoseRequestDidNotDecodeNamesNoMatchToAbort() {
        results.pipeInput("garbage", envelope(SimulationFailed.newBuilder()
                .setMatchId("garbage").setReason(SimulationFailureReason.OTHER).setMessage("undecodable request").build()));

        assertThat(matches.isEmpty()).isTrue();
        assertThat(replayEvents.isEmpty()).isTrue();
    }

    @Test
    void aV1ResultWhoseWorkerWroteTheMatchEventsItselfDerivesNothing() {
        SimulationCompleted v1 = completed(null, null);

        results.pipeInput("m-1", envelope(v1));

        assertThat(matches.isEmpty()).isTrue();
        assertThat(replayEvents.isEmpty()).isTrue();
    }

    @Test
    void aResultReadTwiceDerivesTheSameEventIds() {
        SimulationResultEvent result = envelope(completed(ALICE, BOB));

        results.pipeInput("m-1", result);
        results.pipeInput("m-1", result);

        List<MatchEvent> out = matches.readValuesToList();
        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isEqualTo(out.get(0));
        List<ReplayEvent> stored = replayEvents.readValuesToList();
        assertThat(stored.get(1).getEventId()).isEqualTo(stored.get(0).getEventId());
        assertThat(stored.get(0).getEventId()).isNotEqualTo(out.get(0).getEventId());
    }

    private static SimulationCompleted completed(SimulatedSide a, SimulatedSide b) {
        return SimulationCompleted.newBuilder()
                .setMatchId("m-1")
                .setOutcome(Outcome.TEAM_A_WINS)
                .setTicks(842)
                .setUnits(List.of(
                        new UnitStats(0, Team.TEAM_A, "knight", 2, false, 1840L, 655L, 0L, 9),
                        new UnitStats(1, Team.TEAM_A, "cleric", 0, false, 120L, 210L, 930L, 14),
                        new UnitStats(2, Team.TEAM_B, "archer", 1, true, 1210L, 980L, 0L, 11),
                        new UnitStats(3, Team.TEAM_B, "mage", 0, true, 990L, 1120L, 0L, 7)))
                .setPlayers(List.of(
                        new PlayerSummary("alice", Team.TEAM_A, PlayerResult.WIN, 0, 2, 1960L, 865L, 930L),
                        new PlayerSummary("bob", Team.TEAM_B, PlayerResult.LOSS, 2, 1, 2200L, 2100L, 0L)))
                .setReplay(REPLAY)
                .setContentVersion("content-3")
                .setEngineVersion("1")
                .setSideA(a)
                .setSideB(b)
                .setQueueId(a == null ? "" : "ranked-1v1")
                .setRanked(a != null)
                .setReplayExpiresAt(a == null ? null : AT.plus(Duration.ofDays(90)))
                .build();
    }

    private static SimulationResultEvent envelope(Object payload) {
        String matchId = payload instanceof SimulationCompleted c ? c.getMatchId() : ((SimulationFailed) payload).getMatchId();
        return SimulationResultEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(AT)
                .setCorrelationId("corr-" + matchId)
                .setCausationId(UUID.randomUUID().toString())
                .setPayload(payload)
                .build();
    }
}
