package io.ludus.loadtest.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The game loop's invariants after a chaos run, decided from the topics ({@link GameLog}), the read models and,
 * when given, the swarm's own delivery counts. Pure: no Kafka, no database.
 */
final class InvariantChecker {

    static final String TICKETS_KEPT = "no acknowledged ticket lost";
    static final String TICKET_ONCE = "no ticket in two matches";
    static final String MATCH_FORMED_ONCE = "no match formed twice";
    static final String NO_SELF_MATCH = "no player matched against themselves";
    static final String ONE_RESULT = "no match simulated into two different results";
    static final String STATS_ONCE = "no stat counted twice";
    static final String RATING_ONCE = "no rating counted twice";
    static final String LOG_GAPLESS = "notification log gapless, no duplicate";
    static final String BOTS_RECEIVED_ALL = "every bot got every notification, in order, once";

    private static final int EXAMPLES = 5;

    /** The swarm's counts (from its JSON report); null when no swarm report was given. */
    record Delivery(long notifications, long missed, long duplicated, long outOfOrder, long resyncSkipped) {}

    private InvariantChecker() {}

    static List<Invariant> check(GameLog log, ReadModels models, Delivery delivery) {
        List<Invariant> all = new ArrayList<>();
        all.add(ticketsKept(log));
        all.add(ticketOnce(log));
        all.add(matchFormedOnce(log));
        all.add(noSelfMatch(log));
        all.add(oneResult(log));
        all.add(statsOnce(log, models));
        all.add(ratingOnce(log, models));
        all.add(logGapless(log));
        if (delivery != null) {
            long broken = delivery.missed() + delivery.duplicated() + delivery.outOfOrder() + delivery.resyncSkipped();
            all.add(new Invariant(BOTS_RECEIVED_ALL, delivery.notifications(), broken, 0, broken == 0 ? List.of()
                    : List.of("missed " + delivery.missed() + ", duplicated " + delivery.duplicated() + ", out of order "
                    + delivery.outOfOrder() + ", skipped by RESYNC_REQUIRED " + delivery.resyncSkipped())));
        }
        return all;
    }

    private static Invariant ticketsKept(GameLog log) {
        Examples lost = new Examples();
        for (GameLog.Join join : log.joins()) {
            if (!log.openedCommands().contains(join.commandId()) && !log.rejectedCommands().contains(join.commandId())) {
                lost.add("JoinQueue " + join.commandId() + " of player " + join.playerId() + " opened no ticket and was not refused");
            }
        }
        return lost.result(TICKETS_KEPT, log.joins().size());
    }

    private static Invariant ticketOnce(GameLog log) {
        Map<String, Set<String>> matchesByTicket = new HashMap<>();
        for (GameLog.Formed f : log.formed()) {
            matchesByTicket.computeIfAbsent(f.ticketA(), t -> new HashSet<>()).add(f.matchId());
            matchesByTicket.computeIfAbsent(f.ticketB(), t -> new HashSet<>()).add(f.matchId());
        }
        Examples twice = new Examples();
        matchesByTicket.forEach((ticket, matches) -> {
            if (matches.size() > 1) {
                twice.add("ticket " + ticket + " in matches " + matches);
            }
        });
        return twice.result(TICKET_ONCE, matchesByTicket.size());
    }

    private static Invariant matchFormedOnce(GameLog log) {
        Map<String, Integer> formed = new HashMap<>();
        log.formed().forEach(f -> formed.merge(f.matchId(), 1, Integer::sum));
        Examples twice = new Examples();
        formed.forEach((match, n) -> {
            if (n > 1) {
                twice.add("match " + match + " formed " + n + " times");
            }
        });
        return twice.result(MATCH_FORMED_ONCE, formed.size());
    }

    private static Invariant noSelfMatch(GameLog log) {
        Examples self = new Examples();
        for (GameLog.Formed f : log.formed()) {
            if (f.playerA().equals(f.playerB())) {
                self.add("match " + f.matchId() + " pits player " + f.playerA() + " against themselves");
            }
        }
        return self.result(NO_SELF_MATCH, log.formed().size());
    }

    /** The simulation's result and the match's completion carry the same outcome and length; every copy agrees. */
    private static Invariant oneResult(GameLog log) {
        Map<String, Set<String>> fingerprints = new LinkedHashMap<>();
        for (GameLog.Result r : log.results()) {
            fingerprints.computeIfAbsent(r.matchId(), m -> new HashSet<>()).add(r.fingerprint());
        }
        Examples differing = new Examples();
        fingerprints.forEach((match, results) -> {
            if (results.size() > 1) {
                differing.add("match " + match + " has results " + results);
            }
        });
        return differing.result(ONE_RESULT, fingerprints.size());
    }

    /** Each player's matches per queue in the stats read model against the distinct completed matches they played. */
    private static Invariant statsOnce(GameLog log, ReadModels models) {
        Map<ReadModels.PlayerQueue, Set<String>> played = new HashMap<>();
        for (GameLog.Completed c : log.completed()) {
            if (!c.botA()) {
                played.computeIfAbsent(new ReadModels.PlayerQueue(c.playerA(), c.queueId()), k -> new HashSet<>()).add(c.matchId());
            }
            if (!c.botB()) {
                played.computeIfAbsent(new ReadModels.PlayerQueue(c.playerB(), c.queueId()), k -> new HashSet<>()).add(c.matchId());
            }
        }
        Examples over = new Examples();
        long behind = 0;
        Set<ReadModels.PlayerQueue> keys = new HashSet<>(played.keySet());
        keys.addAll(models.statsMatches().keySet());
        for (ReadModels.PlayerQueue key : keys) {
            long expected = played.getOrDefault(key, Set.of()).size();
            long counted = models.statsMatches().getOrDefault(key, 0L);
            if (counted > expected) {
                over.add("player " + key.playerId() + " in " + key.queueId() + ": " + counted + " matches counted, "
                        + expected + " completed");
            } else if (counted < expected) {
                behind++;
            }
        }
        return over.result(STATS_ONCE, keys.size(), behind);
    }

    /** Rated games per player in the ratings read model and on player-ratings against their ranked human matches. */
    private static Invariant ratingOnce(GameLog log, ReadModels models) {
        Map<String, Set<String>> rated = new HashMap<>();
        for (GameLog.Completed c : log.completed()) {
            if (c.rated()) {
                rated.computeIfAbsent(c.playerA(), k -> new HashSet<>()).add(c.matchId());
                rated.computeIfAbsent(c.playerB(), k -> new HashSet<>()).add(c.matchId());
            }
        }
        Examples twice = new Examples();
        Map<GameLog.RatingChange, Integer> changes = new HashMap<>();
        for (GameLog.RatingChange change : log.ratingChanges()) {
            if (change.matchId() != null && changes.merge(change, 1, Integer::sum) == 2) {
                twice.add("player " + change.playerId() + " rated twice for match " + change.matchId() + " on player-ratings");
            }
        }
        long behind = 0;
        Set<String> players = new HashSet<>(rated.keySet());
        players.addAll(models.ratedGames().keySet());
        for (String player : players) {
            long expected = rated.getOrDefault(player, Set.of()).size();
            long counted = models.ratedGames().getOrDefault(player, 0L);
            if (counted > expected) {
                twice.add("player " + player + ": " + counted + " rated games counted, " + expected + " ranked matches completed");
            } else if (counted < expected) {
                behind++;
            }
        }
        return twice.result(RATING_ONCE, players.size(), behind);
    }

    private static Invariant logGapless(GameLog log) {
        Examples broken = new Examples();
        long checked = 0;
        for (Map.Entry<String, List<Long>> player : log.notificationSeqs().entrySet()) {
            long expected = 1;
            for (long seq : player.getValue()) {
                checked++;
                if (seq != expected) {
                    broken.add("player " + player.getKey() + ": seq " + seq + " where " + expected + " was due");
                }
                expected = Math.max(expected, seq + 1);
            }
        }
        return broken.result(LOG_GAPLESS, checked);
    }

    /** Counts violations and keeps the first few as examples. */
    private static final class Examples {
        private final List<String> kept = new ArrayList<>();
        private long count;

        void add(String example) {
            count++;
            if (kept.size() < EXAMPLES) {
                kept.add(example);
            }
        }

        Invariant result(String name, long checked) {
            return result(name, checked, 0);
        }

        Invariant result(String name, long checked, long behind) {
            return new Invariant(name, checked, count, behind, List.copyOf(kept));
        }
    }
}
