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
import org.apache.avro.specific.SpecificRecord;
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
 * The queues of one partition, keyed by queueId: stores opened tickets and drops cancelled ones as they arrive, and
 * every pass interval (wall-clock) runs each queue's {@link Matcher}. The store is the truth; the matchers are an
 * index over it, rebuilt from the store whenever the task (re)starts.
 */
final class QueueProcessor implements Processor<String, QueueInput, String, SpecificRecord> {

    private static final Logger log = LoggerFactory.getLogger(QueueProcessor.class);

    private final QueueDefinitions queues;
    private final Duration passInterval;
    private final ContentPack content;
    private final BotTeams bots;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, StoredTicket> tickets;
    private KeyValueStore<String, QueueStats> stats;
    private final Map<String, Matcher> matchers = new LinkedHashMap<>();

    QueueProcessor(QueueDefinitions queues, Duration passInterval, ContentPack content) {
        this.queues = queues;
        this.passInterval = passInterval;
        this.content = content;
        this.bots = new BotTeams(content);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.tickets = context.getStateStore(MatchmakerTopology.TICKETS_STORE);
        this.stats = context.getStateStore(MatchmakerTopology.STATS_STORE);
        InstantSource clock = () -> Instant.ofEpochMilli(context.currentSystemTimeMs());
        for (QueueDefinition queue : queues.all()) {
            matchers.put(queue.id(), new Matcher(queue, clock));
        }
        List<String> orphans = new ArrayList<>();
        try (KeyValueIterator<String, StoredTicket> all = tickets.all()) {
            while (all.hasNext()) {
                KeyValue<String, StoredTicket> entry = all.next();
                Matcher matcher = matchers.get(entry.value.queueId());
                if (matcher == null) {
                    orphans.add(entry.key);
                } else {
                    matcher.add(entry.value.ticket());
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

    @Override
    public void process(Record<String, QueueInput> record) {
        long now = context.currentSystemTimeMs();
        switch (record.value()) {
            case QueueInput.Open open -> {
                Matcher matcher = matchers.get(open.queueId());
                StoredTicket ticket = open.ticket().openedAt(now);
                if (matcher == null) {
                    log.warn("Ticket {} of player {} names queue {}, not configured here", ticket.ticketId(), ticket.playerId(), open.queueId());
                    return;
                }
                if (matcher.get(ticket.key()).isPresent()) {
                    return; // the matcher holds exactly the stored tickets of its queue, without a store read
                }
                tickets.put(ticket.key(), ticket);
                matcher.add(ticket.ticket());
                context.forward(new Record<>(ticket.queueId(), MatchmakerEvents.opened(ticket, now), now));
            }
            case QueueInput.Cancel cancel -> {
                String key = Ticket.key(cancel.playerId(), cancel.ticketId());
                StoredTicket ticket = tickets.get(key);
                if (ticket == null) {
                    return; // matched or expired before the cancel arrived
                }
                tickets.delete(key);
                Matcher matcher = matchers.get(ticket.queueId());
                if (matcher != null) {
                    matcher.remove(key);
                }
                context.forward(new Record<>(ticket.queueId(), MatchmakerEvents.cancelled(ticket, cancel, now), now));
            }
        }
    }

    private void pass(long timestamp) {
        for (Matcher matcher : matchers.values()) {
            int before = matcher.size();
            Pass pass = matcher.pass();
            if (pass.isEmpty() && before == 0) {
                continue;
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
            recordStats(matcher, waits);
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

    private void recordStats(Matcher matcher, List<Long> waits) {
        String queueId = matcher.queue().id();
        QueueStats current = stats.get(queueId);
        if (current == null) {
            current = QueueStats.empty(queueId);
        }
        if (current.depth() == matcher.size() && waits.isEmpty()) {
            return;
        }
        stats.put(queueId, current.with(matcher.size(), waits.stream().mapToLong(Long::longValue).toArray()));
    }
}
