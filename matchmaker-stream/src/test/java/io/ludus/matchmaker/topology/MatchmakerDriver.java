package io.ludus.matchmaker.topology;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.LeaveQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.common.TeamLoadout;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.matchmaking.MatchmakingTicketEvent;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.rejection.CommandRefused;
import io.ludus.events.rejection.CommandRejectionEvent;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.events.topic.Topics;
import io.ludus.sim.RandomLoadouts;
import io.ludus.sim.SplitMix64;
import io.ludus.sim.content.ContentPack;
import io.ludus.simevents.EventMapping;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/** The matchmaker topology on a TopologyTestDriver, with given/when helpers and typed views of every output. */
final class MatchmakerDriver implements AutoCloseable {

    static final ContentPack PACK = ContentPack.bundled();
    static final Instant START = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration PASS = Duration.ofMillis(100);

    final TopologyTestDriver driver;
    private final QueueDefinitions queues;
    private final TestInputTopic<String, PlayerCommand> commands;
    private final TestInputTopic<String, PlayerRatingEvent> ratings;
    private final TestInputTopic<String, AccountEvent> accounts;
    private final TestOutputTopic<String, MatchmakingTicketEvent> tickets;
    private final TestOutputTopic<String, MatchEvent> matches;
    private final TestOutputTopic<String, SimulationRequestEvent> simulations;
    private final TestOutputTopic<String, CommandRejectionEvent> rejections;
    final List<MatchmakingTicketEvent> ticketEvents = new ArrayList<>();
    final List<MatchEvent> matchEvents = new ArrayList<>();
    final List<SimulationRequestEvent> simulationEvents = new ArrayList<>();
    final List<CommandRejectionEvent> rejectionEvents = new ArrayList<>();
    private long clock = START.toEpochMilli();

    MatchmakerDriver(SchemaRegistryClient registry, QueueDefinitions queues, int maxOpenTickets, Path stateDir) {
        this.queues = queues;
        MatchmakerTopics topics = MatchmakerTopics.withPrefix("");
        StreamsBuilder builder = new StreamsBuilder();
        MatchmakerTopology.build(builder, new MatchmakerTopology.Settings(topics, queues, maxOpenTickets, PASS, PACK, registry));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "matchmaker-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(builder.build(), props, START);
        var keys = Serdes.String();
        commands = driver.createInputTopic(topics.commands(), keys.serializer(), Topics.PLAYER_COMMANDS.valueSerde(registry).serializer());
        ratings = driver.createInputTopic(topics.ratings(), keys.serializer(), Topics.PLAYER_RATINGS.valueSerde(registry).serializer());
        accounts = driver.createInputTopic(topics.accounts(), keys.serializer(), Topics.ACCOUNT_EVENTS.valueSerde(registry).serializer());
        tickets = driver.createOutputTopic(topics.tickets(), keys.deserializer(), Topics.MATCHMAKING_TICKETS.valueSerde(registry).deserializer());
        matches = driver.createOutputTopic(topics.matches(), keys.deserializer(), Topics.MATCHES.valueSerde(registry).deserializer());
        simulations = driver.createOutputTopic(topics.simulationRequests(), keys.deserializer(), Topics.SIMULATION_REQUESTS.valueSerde(registry).deserializer());
        rejections = driver.createOutputTopic(topics.rejections(), keys.deserializer(), Topics.COMMAND_REJECTIONS.valueSerde(registry).deserializer());
    }

    static Path tempStateDir() {
        try {
            return Files.createTempDirectory("matchmaker-ttd");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static TeamLoadout loadout(String playerId, int size) {
        return EventMapping.toEvent(new RandomLoadouts(PACK).team(new SplitMix64(playerId.hashCode()), playerId, size)).getLoadout();
    }

    void rating(String playerId, double rating, double deviation) {
        ratings.pipeInput(playerId, PlayerRatingEvent.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(now()).setCorrelationId("rating-" + playerId)
                .setPayload(PlayerRatingChanged.newBuilder().setPlayerId(playerId).setRating(rating).setDeviation(deviation)
                        .setVolatility(0.06).setGamesPlayed(1).setWins(1).setLosses(0).setDraws(0).build())
                .build(), clock);
    }

    void join(String playerId, String commandId, String queueId, int spread) {
        join(playerId, commandId, queueId, spread, loadout(playerId, queueSize(queueId)));
    }

    void join(String playerId, String commandId, String queueId, int spread, TeamLoadout loadout) {
        command(playerId, JoinQueue.newBuilder().setPlayerId(playerId).setCommandId(commandId).setQueueId(queueId)
                .setLoadout(loadout).setSpread(spread).build());
    }

    void leave(String playerId, String commandId, String queueId) {
        command(playerId, LeaveQueue.newBuilder().setPlayerId(playerId).setCommandId(commandId).setQueueId(queueId).build());
    }

    void ban(String playerId, Instant until) {
        accounts.pipeInput("account-of-" + playerId, AccountEvent.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(now()).setCorrelationId("ban-" + playerId)
                .setPayload(AccountBanned.newBuilder().setAccountId("account-of-" + playerId).setPlayerId(playerId)
                        .setReason("cheating").setUntil(until).build())
                .build(), clock);
    }

    private void command(String playerId, Object payload) {
        commands.pipeInput(playerId, PlayerCommand.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(now()).setCorrelationId("corr-" + playerId)
                .setPayload(payload).build(), clock);
    }

    /** Moves the wall clock, which runs every matching pass due in between. */
    void advance(Duration duration) {
        long step = PASS.toMillis();
        long remaining = duration.toMillis();
        while (remaining > 0) {
            long d = Math.min(step, remaining);
            driver.advanceWallClockTime(Duration.ofMillis(d));
            clock += d;
            remaining -= d;
        }
        drain();
    }

    Instant now() {
        return Instant.ofEpochMilli(clock);
    }

    /** Reads every output so far into the lists. */
    void drain() {
        ticketEvents.addAll(tickets.readValuesToList());
        matchEvents.addAll(matches.readValuesToList());
        simulationEvents.addAll(simulations.readValuesToList());
        rejectionEvents.addAll(rejections.readValuesToList());
    }

    List<MatchFormed> formed() {
        drain();
        return matchEvents.stream().map(MatchEvent::getPayload).filter(MatchFormed.class::isInstance).map(MatchFormed.class::cast).toList();
    }

    List<SimulationRequested> requests() {
        drain();
        return simulationEvents.stream().map(e -> (SimulationRequested) e.getPayload()).toList();
    }

    List<CommandRefused> refusals() {
        drain();
        return rejectionEvents.stream().map(e -> (CommandRefused) e.getPayload()).toList();
    }

    <T> List<T> ticketPayloads(Class<T> type) {
        drain();
        return ticketEvents.stream().map(MatchmakingTicketEvent::getPayload).filter(type::isInstance).map(type::cast).toList();
    }

    QueueStats stats(String queueId) {
        return driver.<String, QueueStats>getKeyValueStore(MatchmakerTopology.STATS_STORE).get(queueId);
    }

    /** The queue as the HTTP query reads it: summed over the bands of a banded queue. */
    QueueStats queueStats(String queueId) {
        return QueueStats.read(driver.<String, QueueStats>getKeyValueStore(MatchmakerTopology.STATS_STORE),
                queues.find(queueId).orElseThrow()).orElse(null);
    }

    /** The ticket as the queue store holds it, in whichever band it is now; null once it ended. */
    StoredTicket storedTicket(String playerId, String ticketId) {
        return driver.<String, StoredTicket>getKeyValueStore(MatchmakerTopology.TICKETS_STORE)
                .get(io.ludus.matchmaker.matching.Ticket.key(playerId, ticketId));
    }

    private static int queueSize(String queueId) {
        return QueueDefinitions.defaults().find(queueId).map(q -> q.teamSize()).orElse(3);
    }

    @Override
    public void close() {
        driver.close();
    }

    static Map<String, String> settings(String... keyValues) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
