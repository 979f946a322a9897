package io.ludus.matchmaker.topology;

import io.ludus.events.match.MatchFormed;
import io.ludus.events.match.MatchSide;
import io.ludus.events.queue.QueueDefinition;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.events.simulation.SimulationTeam;
import io.ludus.matchmaker.matching.BotTeams;
import io.ludus.matchmaker.matching.MatchIds;
import io.ludus.matchmaker.matching.Matcher;
import io.ludus.matchmaker.matching.Pairing;
import io.ludus.matchmaker.matching.Pass;
import io.ludus.matchmaker.matching.Ticket;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.TeamLoadout;
import io.ludus.sim.content.ContentPack;
import io.ludus.simevents.EventMapping;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The queues of one partition, keyed by queueId (or queueId and rating band, see {@link QueueKeys}): stores opened
 * tickets and drops cancelled ones as they arrive, and every pass interval (wall-clock) runs each queue's (band's)
 * {@link Matcher}. The store is the truth; the matchers are an index over it, rebuilt from the store whenever the
 * task (re)starts.
 * <p>
 * In a banded queue the pass also hands a ticket whose window reaches below its band to the band below (deleted
 * here, a {@link QueueInput.HandOff} sent on, in the same transaction), and a cancel that finds nothing in the
 * ticket's home band follows it there. Both travel through their own repartition topic to {@link BandArrivals},
 * which parks them in the arrivals store; the next pass of the receiving task takes them in, hand-offs before
 * cancels, so a cancel never overtakes the ticket it follows.
 */
final class QueueProcessor implements Processor<String, QueueInput, String, Object> {

    private static final Logger log = LoggerFactory.getLogger(QueueProcessor.class);

    private final QueueDefinitions queues;
    private final Duration passInterval;
    private final ContentPack content;
    private final BotTeams bots;
    private final boolean anyBanded;
    private ProcessorContext<String, Object> context;
    private InstantSource clock;
    private KeyValueStore<String, StoredTicket> tickets;
    private KeyValueStore<String, QueueStats> stats;
    private KeyValueStore<String, QueueInput> arrivals;
    /** By queue-stage key. */
    private final Map<String, Shard> shards = new LinkedHashMap<>();

    /** One queue's matcher, or one band's of a banded queue, and the depth its stats entry holds (-1: not read yet). */
    private static final class Shard {
        final String key;
        final int band;
        final Matcher matcher;
        int recordedDepth = -1;

        Shard(String key, int band, Matcher matcher) {
            this.key = key;
            this.band = band;
            this.matcher = matcher;
        }

        Matcher matcher() {
            return matcher;
        }
    }

    QueueProcessor(QueueDefinitions queues, Duration passInterval, ContentPack content) {
        this.queues = queues;
        this.passInterval = passInterval;
        this.content = content;
        this.bots = new BotTeams(content);
        this.anyBanded = queues.all().stream().anyMatch(QueueDefinition::banded);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.tickets = context.getStateStore(MatchmakerTopology.TICKETS_STORE);
        this.stats = context.getStateStore(MatchmakerTopology.STATS_STORE);
        this.arrivals = anyBanded ? context.getStateStore(MatchmakerTopology.ARRIVALS_STORE) : null;
        this.clock = () -> Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (QueueDefinition queue : queues.all()) {
            if (!queue.banded()) {
                shard(queue, 0);
            }
        }
        List<String> orphans = new ArrayList<>();
        try (KeyValueIterator<String, StoredTicket> all = tickets.all()) {
            while (all.hasNext()) {
                KeyValue<String, StoredTicket> entry = all.next();
                QueueDefinition queue = queues.find(entry.value.queueId()).orElse(null);
                if (queue == null) {
                    orphans.add(entry.key);
                } else {
                    shard(queue, entry.value.band()).matcher().add(entry.value.ticket());
                }
            }
        }
        if (!orphans.isEmpty()) {
            // a queue removed from the configuration: its tickets can never match, and the TTL is the queue's own
            log.warn("Dropping {} stored tickets of queues no longer configured (configured: {})", orphans.size(), queues.ids());
            orphans.forEach(tickets::delete);
        }
        context.schedule(passInterval, PunctuationType.WALL_CLOCK_TIME, this::pass);
    }

    private Shard shard(QueueDefinition queue, int band) {
        return shards.computeIfAbsent(QueueKeys.key(queue, band), key -> new Shard(key, band, new Matcher(queue, clock)));
    }

    @Override
    public void process(Record<String, QueueInput> record) {
        long now = context.currentSystemTimeMs();
        switch (record.value()) {
            case QueueInput.Open open -> admit(open.ticket().openedAt(now), true, now);
            case QueueInput.HandOff handOff -> admit(handOff.ticket(), false, now);
            case QueueInput.Cancel cancel -> {
                if (!cancel(cancel, now)) {
                    followToBandBelow(record.key(), cancel, now);
                }
            }
        }
    }

    /** Stores the ticket in its band; {@code opened}: a new ticket (a TicketOpened), not one handed down. */
    private void admit(StoredTicket ticket, boolean opened, long now) {
        QueueDefinition queue = queues.find(ticket.queueId()).orElse(null);
        if (queue == null) {
            log.warn("Ticket {} of player {} names queue {}, not configured here", ticket.ticketId(), ticket.playerId(), ticket.queueId());
            return;
        }
        Matcher matcher = shard(queue, ticket.band()).matcher();
        if (matcher.get(ticket.key()).isPresent()) {
            return; // the matcher holds exactly the stored tickets of its band, without a store read
        }
        tickets.put(ticket.key(), ticket);
        matcher.add(ticket.ticket());
        if (opened) {
            context.forward(new Record<>(ticket.queueId(), MatchmakerEvents.opened(ticket, now), now));
        }
    }

    /** False when the ticket is not here: matched or expired before the cancel arrived, or moved to another band. */
    private boolean cancel(QueueInput.Cancel cancel, long now) {
        String key = Ticket.key(cancel.playerId(), cancel.ticketId());
        StoredTicket ticket = tickets.get(key);
        if (ticket == null) {
            return false;
        }
        tickets.delete(key);
        queues.find(ticket.queueId()).ifPresent(queue -> shard(queue, ticket.band()).matcher().remove(key));
        context.forward(new Record<>(ticket.queueId(), MatchmakerEvents.cancelled(ticket, cancel, now), now));
        return true;
    }

    /**
     * A cancel at the ticket's home band that found nothing goes on to the band below, where a hand-off may have
     * taken the ticket; the hand-off left here earlier, on the same partition, so it arrives there first. A cancel
     * arriving anywhere else stops.
     */
    private void followToBandBelow(String stageKey, QueueInput.Cancel cancel, long now) {
        QueueDefinition queue = queues.find(cancel.queueId()).orElse(null);
        if (queue != null && queue.banded() && QueueKeys.key(queue, cancel.homeBand()).equals(stageKey)) {
            context.forward(new Record<>(QueueKeys.key(queue, cancel.homeBand() - 1), cancel, now));
        }
    }

    /** Hand-offs and followed cancels parked by {@link BandArrivals}: hand-offs first, then the cancels. */
    private void takeArrivals(long now) {
        List<KeyValue<String, QueueInput>> parked = new ArrayList<>();
        try (KeyValueIterator<String, QueueInput> all = arrivals.all()) {
            all.forEachRemaining(parked::add);
        }
        for (KeyValue<String, QueueInput> entry : parked) {
            arrivals.delete(entry.key);
            if (entry.value instanceof QueueInput.HandOff handOff) {
                admit(handOff.ticket(), false, now);
            }
        }
        for (KeyValue<String, QueueInput> entry : parked) {
            if (entry.value instanceof QueueInput.Cancel cancel) {
                cancel(cancel, now);
            }
        }
    }

    private void pass(long timestamp) {
        if (arrivals != null) {
            takeArrivals(context.currentSystemTimeMs());
        }
        for (Shard shard : List.copyOf(shards.values())) {
            Matcher matcher = shard.matcher();
            int before = matcher.size();
            Pass pass = matcher.pass();
            if (pass.isEmpty() && before == 0 && shard.recordedDepth == 0) {
                continue; // idle; a cancel that emptied the queue still gets its depth of 0 recorded below
            }
            long now = pass.atMillis();
            List<Long> waits = new ArrayList<>();
            for (Pairing pairing : pass.pairings()) {
                StoredTicket a = take(pairing.a());
                StoredTicket b = take(pairing.b());
                waits.add(now - a.openedAtMillis());
                waits.add(now - b.openedAtMillis());
                String matchId = MatchIds.matchId(pairing);
                emitMatch(matcher.queue(), matchId, player(a), player(b), now);
            }
            for (Ticket ticket : pass.botMatches()) {
                StoredTicket player = take(ticket);
                waits.add(now - player.openedAtMillis());
                String matchId = MatchIds.botMatchId(ticket);
                long seed = MatchIds.seed(matchId);
                TeamLoadout playerTeam = EventMapping.toTeam(player(player));
                TeamLoadout bot = bots.opponent(BotTeams.botPlayerId(ticket), playerTeam, seed);
                SimulationTeam botSide = SimulationTeam.newBuilder(EventMapping.toEvent(bot))
                        .setTicketId("")
                        .setRating(player.rating())
                        .setDeviation(player.deviation())
                        .setBot(true)
                        .build();
                emitMatch(matcher.queue(), matchId, player(player), botSide, now);
            }
            for (Ticket ticket : pass.expired()) {
                StoredTicket stored = take(ticket);
                context.forward(new Record<>(stored.queueId(), MatchmakerEvents.expired(stored, now), now));
            }
            for (Ticket ticket : matcher.takeHandOffs(shard.band, now)) {
                StoredTicket moving = take(ticket).inBand(shard.band - 1);
                context.forward(new Record<>(QueueKeys.key(matcher.queue(), moving.band()), new QueueInput.HandOff(moving), now));
            }
            recordStats(shard, waits, pass.pairings().size() + pass.botMatches().size());
        }
    }

    private StoredTicket take(Ticket ticket) {
        StoredTicket stored = tickets.get(ticket.key());
        if (stored == null) {
            throw new IllegalStateException("ticket " + ticket.key() + " is in the matcher but not in the store");
        }
        tickets.delete(ticket.key());
        return stored;
    }

    private void emitMatch(QueueDefinition queue, String matchId, SimulationTeam a, SimulationTeam b, long now) {
        long seed = MatchIds.seed(matchId);
        boolean ranked = queue.ranked() && !a.getBot() && !b.getBot();
        MatchSide sideA = EventMapping.side(a);
        MatchSide sideB = EventMapping.side(b);
        MatchFormed formed = MatchFormed.newBuilder()
                .setMatchId(matchId)
                .setQueueId(queue.id())
                .setTeamA(sideA)
                .setTeamB(sideB)
                .setRanked(ranked)
                .setSeed(seed)
                .build();
        SimulationRequested request = SimulationRequested.newBuilder()
                .setMatchId(matchId)
                .setSeed(seed)
                .setContentVersion(content.version())
                .setEngineVersion(Integer.toString(BattleSimulator.ENGINE_VERSION))
                .setTeamA(a)
                .setTeamB(b)
                .setQueueId(queue.id())
                .setRanked(ranked)
                .build();
        context.forward(new Record<>(matchId, MatchmakerEvents.formed(formed, now), now));
        context.forward(new Record<>(matchId, MatchmakerEvents.simulation(request, now), now));
    }

    private static SimulationTeam player(StoredTicket t) {
        return SimulationTeam.newBuilder()
                .setPlayerId(t.playerId())
                .setLoadout(t.loadout())
                .setTicketId(t.ticketId())
                .setRating(t.rating())
                .setDeviation(t.deviation())
                .setBot(false)
                .build();
    }

    /** Under the queue-stage key: the queue id, or one entry per band of a banded queue. */
    private void recordStats(Shard shard, List<Long> waits, int matchesFormed) {
        int depth = shard.matcher.size();
        if (shard.recordedDepth == depth && waits.isEmpty()) {
            return;
        }
        QueueStats current = stats.get(shard.key);
        if (current == null) {
            current = QueueStats.empty(shard.matcher.queue().id());
        }
        shard.recordedDepth = depth;
        if (current.depth() == depth && waits.isEmpty()) {
            return;
        }
        stats.put(shard.key, current.with(depth, waits.stream().mapToLong(Long::longValue).toArray(), matchesFormed));
    }
}
