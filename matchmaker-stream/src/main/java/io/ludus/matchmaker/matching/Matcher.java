package io.ludus.matchmaker.matching;

import io.ludus.events.queue.QueueDefinition;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The open tickets of one queue and the matching pass over them. Two tickets match when each accepts the other's
 * rating within its window, which widens with waiting time up to the ticket's own spread; the smallest rating
 * difference wins, ties go to the pair holding the longest-waiting ticket. A pass is a function of the tickets and
 * the injected clock.
 */
public final class Matcher {

    /**
     * How many rating-ordered neighbours each ticket is compared with in a pass. Bounds a pass to O(n) comparisons
     * in a crowded queue; the nearest neighbours are the best candidates anyway.
     */
    static final int NEIGHBOURS = 16;

    // ties (every new player starts at the same rating) fall through to the ids; comparing them in place rather
    // than through key() keeps string building out of every comparison
    private static final Comparator<Ticket> BY_IDS = Comparator.comparing(Ticket::playerId).thenComparing(Ticket::ticketId);
    private static final Comparator<Ticket> BY_RATING = Comparator.comparingDouble(Ticket::rating)
            .thenComparingLong(Ticket::openedAtMillis)
            .thenComparing(BY_IDS);

    private final QueueDefinition queue;
    private final InstantSource clock;
    private final Map<String, Ticket> byKey = new HashMap<>();
    private final TreeSet<Ticket> byRating = new TreeSet<>(BY_RATING);

    public Matcher(QueueDefinition queue, InstantSource clock) {
        this.queue = queue;
        this.clock = clock;
    }

    public QueueDefinition queue() {
        return queue;
    }

    /** False, and nothing changes, when a ticket with the same key is already open. */
    public boolean add(Ticket ticket) {
        if (byKey.putIfAbsent(ticket.key(), ticket) != null) {
            return false;
        }
        byRating.add(ticket);
        return true;
    }

    public Optional<Ticket> remove(String key) {
        Ticket ticket = byKey.remove(key);
        if (ticket != null) {
            byRating.remove(ticket);
        }
        return Optional.ofNullable(ticket);
    }

    public Optional<Ticket> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public int size() {
        return byKey.size();
    }

    public Collection<Ticket> tickets() {
        return List.copyOf(byRating);
    }

    /** Expires, pairs and backfills at the clock's current time, and removes every ticket it decided about. */
    public Pass pass() {
        long now = clock.millis();
        List<Ticket> expired = new ArrayList<>();
        long ttl = queue.ticketTtl().toMillis();
        for (Ticket t : byKey.values()) {
            if (now - t.openedAtMillis() >= ttl) {
                expired.add(t);
            }
        }
        expired.sort(BY_IDS);
        expired.forEach(t -> remove(t.key()));

        Ticket[] sorted = byRating.toArray(new Ticket[0]);
        double[] windows = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            windows[i] = queue.window(sorted[i].spread(), now - sorted[i].openedAtMillis());
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            for (int j = i + 1; j < sorted.length && j <= i + NEIGHBOURS; j++) {
                double diff = sorted[j].rating() - sorted[i].rating();
                if (diff > windows[i]) {
                    break;
                }
                if (diff <= windows[j] && !sorted[i].playerId().equals(sorted[j].playerId())) {
                    candidates.add(new Candidate(i, j, diff, Math.min(sorted[i].openedAtMillis(), sorted[j].openedAtMillis())));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Candidate::diff)
                .thenComparingLong(Candidate::oldestOpenedAt)
                .thenComparingInt(Candidate::i)
                .thenComparingInt(Candidate::j));
        boolean[] taken = new boolean[sorted.length];
        List<Pairing> pairings = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!taken[c.i] && !taken[c.j]) {
                taken[c.i] = true;
                taken[c.j] = true;
                pairings.add(Pairing.of(sorted[c.i], sorted[c.j]));
            }
        }
        List<Ticket> bots = new ArrayList<>();
        if (queue.botWait().isPresent()) {
            long botWait = queue.botWait().get().toMillis();
            for (int i = 0; i < sorted.length; i++) {
                if (!taken[i] && now - sorted[i].openedAtMillis() >= botWait) {
                    bots.add(sorted[i]);
                }
            }
        }
        Set<String> done = new HashSet<>();
        pairings.forEach(p -> {
            done.add(p.a().key());
            done.add(p.b().key());
        });
        bots.forEach(t -> done.add(t.key()));
        done.forEach(this::remove);
        return new Pass(now, List.copyOf(pairings), List.copyOf(bots), List.copyOf(expired));
    }

    /**
     * Banded queues only: removes and returns the home tickets of {@code band} whose window at {@code nowMillis}
     * reaches below the band's lower edge; they move to the band below. A ticket that moved here from the band above
     * (its rating is above this band) never moves again.
     */
    public List<Ticket> takeHandOffs(int band, long nowMillis) {
        if (!queue.banded()) {
            return List.of();
        }
        double lower = Bands.lowerEdge(queue, band);
        double upper = lower + queue.bandWidth();
        List<Ticket> moving = new ArrayList<>();
        for (Ticket t : byRating.tailSet(new Ticket("", "", lower, 0, 0, Long.MIN_VALUE), true)) {
            if (t.rating() >= upper) {
                break;
            }
            if (t.rating() - queue.window(t.spread(), nowMillis - t.openedAtMillis()) < lower) {
                moving.add(t);
            }
        }
        moving.forEach(t -> remove(t.key()));
        return moving;
    }

    private record Candidate(int i, int j, double diff, long oldestOpenedAt) {}
}
