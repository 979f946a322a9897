package io.ludus.loadtest.chaos;

import io.ludus.events.command.JoinQueue;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.match.MatchSide;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.notification.PlayerNotification;
import io.ludus.events.rating.PlayerRatingChanged;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.rejection.CommandRefused;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.loadtest.topics.TopicReader;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Reads every topic the invariants look at, from the start to its last committed record (read_committed, no group). */
final class TopicFacts {

    private final TopicReader reader;

    TopicFacts(String bootstrap, SchemaRegistryClient registry, String topicPrefix, Duration timeout) {
        this.reader = new TopicReader(bootstrap, registry, topicPrefix, timeout);
    }

    GameLog read() {
        List<GameLog.Join> joins = new ArrayList<>();
        Set<String> opened = new HashSet<>();
        Set<String> rejected = new HashSet<>();
        List<GameLog.Formed> formed = new ArrayList<>();
        List<GameLog.Result> results = new ArrayList<>();
        List<GameLog.Completed> completed = new ArrayList<>();
        List<GameLog.RatingChange> ratings = new ArrayList<>();
        Map<String, List<Long>> seqs = new LinkedHashMap<>();
        readAll(Topics.PLAYER_COMMANDS, e -> {
            if (e.getPayload() instanceof JoinQueue j) {
                joins.add(new GameLog.Join(j.getCommandId(), j.getPlayerId()));
            }
        });
        readAll(Topics.MATCHMAKING_TICKETS, e -> {
            if (e.getPayload() instanceof TicketOpened t) {
                opened.add(t.getCommandId());
            }
        });
        readAll(Topics.COMMAND_REJECTIONS, e -> {
            if (e.getPayload() instanceof CommandRefused r) {
                rejected.add(r.getCommandId());
            }
        });
        readAll(Topics.MATCHES, e -> {
            switch (e.getPayload()) {
                case MatchFormed f -> formed.add(new GameLog.Formed(f.getMatchId(), f.getTeamA().getPlayerId(),
                        f.getTeamA().getTicketId(), f.getTeamB().getPlayerId(), f.getTeamB().getTicketId()));
                case MatchCompleted c -> {
                    results.add(new GameLog.Result(c.getMatchId(), c.getOutcome() + "/" + c.getTicks()));
                    completed.add(new GameLog.Completed(c.getMatchId(), c.getQueueId(), c.getRanked(), c.getTeamAPlayerId(),
                            bot(c.getSideA()), c.getTeamBPlayerId(), bot(c.getSideB())));
                }
                default -> { }
            }
        });
        readAll(Topics.SIMULATION_RESULTS, e -> {
            if (e.getPayload() instanceof SimulationCompleted c) {
                results.add(new GameLog.Result(c.getMatchId(), c.getOutcome() + "/" + c.getTicks()));
            }
        });
        readAll(Topics.PLAYER_RATINGS, e -> {
            if (e.getPayload() instanceof PlayerRatingChanged r) {
                ratings.add(new GameLog.RatingChange(r.getPlayerId(), r.getMatchId()));
            }
        });
        reader.readAll(Topics.PLAYER_NOTIFICATIONS, (String key, PlayerNotification n, long timestamp, long seenAt) ->
                seqs.computeIfAbsent(key, k -> new ArrayList<>()).add(n.getSequence()));
        return new GameLog(joins, opened, rejected, formed, results, completed, ratings, seqs);
    }

    private static boolean bot(MatchSide side) {
        return side != null && side.getBot();
    }

    private <V extends SpecificRecord> void readAll(TopicSpec<String, V> spec, Consumer<V> sink) {
        reader.readAll(spec, (key, value, timestamp, seenAt) -> sink.accept(value));
    }
}
