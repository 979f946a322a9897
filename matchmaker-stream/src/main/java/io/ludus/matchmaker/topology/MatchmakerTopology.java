package io.ludus.matchmaker.topology;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.account.AccountUnbanned;
import io.ludus.events.command.JoinQueue;
import io.ludus.events.command.LeaveQueue;
import io.ludus.events.command.PlayerCommand;
import io.ludus.events.match.MatchEvent;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.match.MatchSide;
import io.ludus.events.matchmaking.MatchmakingTicketEvent;
import io.ludus.events.matchmaking.TicketExpired;
import io.ludus.events.queue.QueueDefinition;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.rating.PlayerRatingEvent;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.rejection.CommandRejectionEvent;
import io.ludus.events.simulation.SimulationRequestEvent;
import io.ludus.events.topic.Topics;
import io.ludus.sim.content.ContentPack;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The matchmaking topology. Two stages:
 * <ol>
 *   <li>player stage (key playerId): JoinQueue/LeaveQueue enriched with the rating table, bans re-keyed from
 *   account-events, and tickets closed by a match or expiry (read back from our own outputs) meet the player's rules
 *   in {@link PlayerProcessor}; refusals go to command-rejections;</li>
 *   <li>queue stage (key queueId, or queueId and rating band for a queue with a band width): {@link QueueProcessor}
 *   stores tickets and runs the matching pass on wall-clock time, writing tickets, matches and simulation requests in
 *   the same transaction; with bands, tickets handed between bands go round through {@link BandArrivals}.</li>
 * </ol>
 * Every processor, store and repartition topic is named so that a change here cannot silently rename state.
 */
public final class MatchmakerTopology {

    public static final String PLAYERS_STORE = "matchmaker-players";
    public static final String TICKETS_STORE = "matchmaker-queue-tickets";
    public static final String STATS_STORE = "matchmaker-queue-stats";
    public static final String RATINGS_STORE = "matchmaker-player-ratings";
    /** Tickets and cancels travelling between the rating bands of a banded queue; built only if a queue has bands. */
    public static final String ARRIVALS_STORE = "matchmaker-band-arrivals";

    /** Glicko-2 defaults for a player the ratings table does not know yet. */
    public static final double DEFAULT_RATING = 1500.0;
    public static final double DEFAULT_DEVIATION = 350.0;

    /**
     * @param maxOpenTickets tickets one player may hold at once, over all queues
     * @param passInterval   wall-clock time between matching passes
     */
    public record Settings(MatchmakerTopics topics, QueueDefinitions queues, int maxOpenTickets, Duration passInterval,
                           ContentPack content, SchemaRegistryClient registry) {

        public Settings {
            if (maxOpenTickets < 1) {
                throw new IllegalArgumentException("maxOpenTickets must be >= 1, was " + maxOpenTickets);
            }
            if (passInterval.isZero() || passInterval.isNegative()) {
                throw new IllegalArgumentException("passInterval must be positive, was " + passInterval);
            }
        }
    }

    private MatchmakerTopology() {}

    public static void build(StreamsBuilder builder, Settings settings) {
        MatchmakerTopics topics = settings.topics();
        Serde<String> keys = Serdes.String();
        Serde<PlayerCommand> commandSerde = Topics.PLAYER_COMMANDS.valueSerde(settings.registry());
        Serde<PlayerRatingEvent> ratingSerde = Topics.PLAYER_RATINGS.valueSerde(settings.registry());
        Serde<AccountEvent> accountSerde = Topics.ACCOUNT_EVENTS.valueSerde(settings.registry());
        Serde<MatchEvent> matchSerde = Topics.MATCHES.valueSerde(settings.registry());
        Serde<MatchmakingTicketEvent> ticketSerde = Topics.MATCHMAKING_TICKETS.valueSerde(settings.registry());

        // player stage inputs
        KTable<String, PlayerRatingEvent> ratings = builder.table(topics.ratings(),
                Consumed.with(keys, ratingSerde).withName("matchmaker-ratings-source"),
                Materialized.<String, PlayerRatingEvent, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(RATINGS_STORE)
                        .withKeySerde(keys).withValueSerde(ratingSerde).withCachingDisabled());
        KStream<String, PlayerInput> commands = builder.stream(topics.commands(),
                        Consumed.with(keys, commandSerde).withName("matchmaker-commands-source"))
                .filter((playerId, c) -> c != null && (c.getPayload() instanceof JoinQueue || c.getPayload() instanceof LeaveQueue),
                        Named.as("matchmaker-queue-commands"))
                .leftJoin(ratings, MatchmakerTopology::withRating,
                        Joined.<String, PlayerCommand, PlayerRatingEvent>as("matchmaker-commands-with-rating")
                                .withKeySerde(keys).withValueSerde(commandSerde).withOtherValueSerde(ratingSerde));
        KStream<String, PlayerInput> bans = builder.stream(topics.accounts(),
                        Consumed.with(keys, accountSerde).withName("matchmaker-accounts-source"))
                .filter((accountId, e) -> e != null && (e.getPayload() instanceof AccountBanned || e.getPayload() instanceof AccountUnbanned),
                        Named.as("matchmaker-ban-events"))
                .selectKey((accountId, e) -> e.getPayload() instanceof AccountBanned b ? b.getPlayerId() : ((AccountUnbanned) e.getPayload()).getPlayerId(),
                        Named.as("matchmaker-bans-key-by-player"))
                .repartition(Repartitioned.<String, AccountEvent>as("matchmaker-bans-by-player").withKeySerde(keys).withValueSerde(accountSerde))
                .mapValues(PlayerInput.Account::new, Named.as("matchmaker-bans-as-input"));
        KStream<String, TicketClosure> formed = builder.stream(topics.matches(),
                        Consumed.with(keys, matchSerde).withName("matchmaker-matches-source"))
                .flatMap((matchId, e) -> formedClosures(e), Named.as("matchmaker-formed-closures"));
        KStream<String, TicketClosure> expired = builder.stream(topics.tickets(),
                        Consumed.with(keys, ticketSerde).withName("matchmaker-tickets-source"))
                .flatMap((queueId, e) -> expiredClosures(e), Named.as("matchmaker-expired-closures"));
        KStream<String, PlayerInput> closures = formed.merge(expired, Named.as("matchmaker-closures"))
                .repartition(Repartitioned.<String, TicketClosure>as("matchmaker-closures-by-player")
                        .withKeySerde(keys).withValueSerde(InternalSerdes.CLOSURE))
                .mapValues(PlayerInput.Closed::new, Named.as("matchmaker-closures-as-input"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PLAYERS_STORE), keys, InternalSerdes.PLAYER));
        KStream<String, Object> playerOut = commands
                .merge(bans, Named.as("matchmaker-player-inputs-bans"))
                .merge(closures, Named.as("matchmaker-player-inputs"))
                .process(() -> new PlayerProcessor(settings.queues(), settings.maxOpenTickets()),
                        Named.as("matchmaker-player-rules"), PLAYERS_STORE);

        playerOut.split(Named.as("matchmaker-player-out-"))
                .branch((key, v) -> v instanceof CommandRejectionEvent, Branched.withConsumer(refusals -> refusals
                        .mapValues(v -> (CommandRejectionEvent) v, Named.as("matchmaker-refusals"))
                        .to(topics.rejections(), Produced.with(keys, Topics.COMMAND_REJECTIONS.valueSerde(settings.registry()))
                                .withName("matchmaker-refusals-sink")), "refusals"))
                .defaultBranch(Branched.withConsumer(toQueues -> queueStage(builder, toQueues
                        .mapValues(v -> (QueueInput) v, Named.as("matchmaker-queue-inputs")), settings), "queue-inputs"));
    }

    private static void queueStage(StreamsBuilder builder, KStream<String, QueueInput> inputs, Settings settings) {
        MatchmakerTopics topics = settings.topics();
        Serde<String> keys = Serdes.String();
        // cached: most tickets are opened and matched within one commit interval, and the cache turns that put and
        // delete into a single tombstone for RocksDB and the changelog
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TICKETS_STORE), keys, InternalSerdes.TICKET)
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATS_STORE), keys, InternalSerdes.STATS));
        // unbanded queues only: exactly the topology of before bands existed
        boolean banded = settings.queues().all().stream().anyMatch(QueueDefinition::banded);
        if (banded) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ARRIVALS_STORE), keys, InternalSerdes.QUEUE_INPUT));
        }
        String[] stores = banded ? new String[] {TICKETS_STORE, STATS_STORE, ARRIVALS_STORE} : new String[] {TICKETS_STORE, STATS_STORE};
        KStream<String, Object> out = inputs
                .repartition(Repartitioned.<String, QueueInput>as("matchmaker-tickets-by-queue")
                        .withKeySerde(keys).withValueSerde(InternalSerdes.QUEUE_INPUT))
                .process(() -> new QueueProcessor(settings.queues(), settings.passInterval(), settings.content()),
                        Named.as("matchmaker-queue-matching"), stores);
        BranchedKStream<String, Object> branches = out.split(Named.as("matchmaker-queue-out-"))
                .branch((key, v) -> v instanceof MatchmakingTicketEvent, Branched.withConsumer(s -> s
                        .mapValues(v -> (MatchmakingTicketEvent) v, Named.as("matchmaker-ticket-events"))
                        .to(topics.tickets(), Produced.with(keys, Topics.MATCHMAKING_TICKETS.valueSerde(settings.registry()))
                                .withName("matchmaker-tickets-sink")), "tickets"))
                .branch((key, v) -> v instanceof MatchEvent, Branched.withConsumer(s -> s
                        .mapValues(v -> (MatchEvent) v, Named.as("matchmaker-match-events"))
                        .to(topics.matches(), Produced.with(keys, Topics.MATCHES.valueSerde(settings.registry()))
                                .withName("matchmaker-matches-sink")), "matches"))
                .branch((key, v) -> v instanceof SimulationRequestEvent, Branched.withConsumer(s -> s
                        .mapValues(v -> (SimulationRequestEvent) v, Named.as("matchmaker-simulation-events"))
                        .to(topics.simulationRequests(), Produced.with(keys, Topics.SIMULATION_REQUESTS.valueSerde(settings.registry()))
                                .withName("matchmaker-simulation-requests-sink")), "simulations"));
        if (banded) {
            // back into the queue stage's own task group: its partition count follows matchmaker-tickets-by-queue
            branches.branch((key, v) -> v instanceof QueueInput, Branched.withConsumer(s -> s
                    .mapValues(v -> (QueueInput) v, Named.as("matchmaker-band-transfers"))
                    .repartition(Repartitioned.<String, QueueInput>as("matchmaker-tickets-between-bands")
                            .withKeySerde(keys).withValueSerde(InternalSerdes.QUEUE_INPUT))
                    .process(BandArrivals::new, Named.as("matchmaker-band-arrivals-in"), ARRIVALS_STORE), "bands"));
        }
        branches.noDefaultBranch();
    }

    private static PlayerInput withRating(PlayerCommand command, PlayerRatingEvent rating) {
        if (rating != null && rating.getPayload() instanceof PlayerRatingChanged r) {
            return new PlayerInput.Command(command, r.getRating(), r.getDeviation());
        }
        return new PlayerInput.Command(command, DEFAULT_RATING, DEFAULT_DEVIATION);
    }

    private static List<KeyValue<String, TicketClosure>> formedClosures(MatchEvent event) {
        List<KeyValue<String, TicketClosure>> out = new ArrayList<>(2);
        if (event != null && event.getPayload() instanceof MatchFormed formed) {
            for (MatchSide side : List.of(formed.getTeamA(), formed.getTeamB())) {
                if (!side.getBot()) {
                    out.add(KeyValue.pair(side.getPlayerId(), new TicketClosure(side.getPlayerId(), formed.getQueueId(), side.getTicketId())));
                }
            }
        }
        return out;
    }

    private static List<KeyValue<String, TicketClosure>> expiredClosures(MatchmakingTicketEvent event) {
        if (event != null && event.getPayload() instanceof TicketExpired expired) {
            return List.of(KeyValue.pair(expired.getPlayerId(), new TicketClosure(expired.getPlayerId(), expired.getQueueId(), expired.getTicketId())));
        }
        return List.of();
    }
}
