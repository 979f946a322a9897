package io.ludus.matchmaker.matching;

import io.ludus.events.queue.QueueDefinition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Random arrivals, leaves, redeliveries and clock moves against the matcher. */
class MatcherPropertiesTest {

    private static final QueueDefinition QUEUE = new QueueDefinition("prop", 1, true, 200, 20, 15,
            Duration.ofSeconds(90), Optional.of(Duration.ofSeconds(60)));
    private static final QueueDefinition NO_BOTS = new QueueDefinition("prop", 1, true, 200, 20, 15,
            Duration.ofSeconds(90), Optional.empty());

    sealed interface Step {}

    record Arrive(String player, int rating, int spread) implements Step {}

    record Leave(int which) implements Step {}

    /** The same ticket delivered again (a retried command or a replayed record). */
    record Redeliver(int which) implements Step {}

    record Tick(int millis) implements Step {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> arrive = Combinators.combine(
                Arbitraries.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"),
                Arbitraries.integers().between(1300, 1700),
                Arbitraries.integers().between(0, 300)).as(Arrive::new);
        Arbitrary<Step> leave = Arbitraries.integers().between(0, 200).map(Leave::new);
        Arbitrary<Step> redeliver = Arbitraries.integers().between(0, 200).map(Redeliver::new);
        Arbitrary<Step> tick = Arbitraries.integers().between(1, 20_000).map(Tick::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, arrive), net.jqwik.api.Tuple.of(1, leave),
                net.jqwik.api.Tuple.of(1, redeliver), net.jqwik.api.Tuple.of(4, tick)).list().ofMaxSize(120);
    }

    @Property(tries = 300)
    void everyTicketEndsOnceAndMatchIdsAreStable(@ForAll("steps") List<Step> steps, @ForAll boolean bots) {
        QueueDefinition queue = bots ? QUEUE : NO_BOTS;
        Outcome first = run(queue, steps);
        Outcome replay = run(queue, steps);

        // no ticket in two matches, and each ticket ends exactly once: matched, cancelled or expired
        List<String> ended = new ArrayList<>();
        first.pairs.forEach(p -> {
            ended.add(p.a().key());
            ended.add(p.b().key());
            assertThat(p.a().playerId()).isNotEqualTo(p.b().playerId());
        });
        first.bots.forEach(t -> ended.add(t.key()));
        ended.addAll(first.cancelled);
        ended.addAll(first.expired);
        assertThat(ended).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ended)).isEqualTo(first.opened);

        // replaying the same input (a crashed pass redone) forms the same matches under the same ids
        assertThat(replay.matchIds).isEqualTo(first.matchIds);
        assertThat(new HashSet<>(first.matchIds)).hasSameSizeAs(first.matchIds);
    }

    /**
     * The same with the queue split into rating bands: hand-offs travel for one pass (as through the repartition
     * topic), a leave goes to the ticket's home band and follows it to the band below, and no ticket is ever in two
     * bands at once.
     */
    @Property(tries = 300)
    void bandedQueueEndsEveryTicketOnceAndMatchIdsAreStable(@ForAll("steps") List<Step> steps, @ForAll boolean bots,
                                                            @ForAll("bandWidths") int bandWidth) {
        QueueDefinition base = bots ? QUEUE : NO_BOTS;
        QueueDefinition queue = new QueueDefinition(base.id(), base.teamSize(), base.ranked(), base.spread(),
                base.initialWindow(), base.widenPerSecond(), base.ticketTtl(), base.botWait(), bandWidth);
        Outcome first = runBanded(queue, steps);
        Outcome replay = runBanded(queue, steps);

        List<String> ended = new ArrayList<>();
        first.pairs.forEach(p -> {
            ended.add(p.a().key());
            ended.add(p.b().key());
            assertThat(p.a().playerId()).isNotEqualTo(p.b().playerId());
        });
        first.bots.forEach(t -> ended.add(t.key()));
        ended.addAll(first.cancelled);
        ended.addAll(first.expired);
        assertThat(ended).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ended)).isEqualTo(first.opened);
        assertThat(replay.matchIds).isEqualTo(first.matchIds);
        assertThat(new HashSet<>(first.matchIds)).hasSameSizeAs(first.matchIds);
    }

    @Provide
    Arbitrary<Integer> bandWidths() {
        return Arbitraries.of(50, 100, 250, 1000);
    }

    private static Outcome runBanded(QueueDefinition queue, List<Step> steps) {
        AtomicLong now = new AtomicLong(0);
        TreeMap<Integer, Matcher> bands = new TreeMap<>();
        Function<Integer, Matcher> band = b -> bands.computeIfAbsent(b, k -> new Matcher(queue, () -> Instant.ofEpochMilli(now.get())));
        Map<String, Integer> travelling = new LinkedHashMap<>(); // ticket key -> band it is moving to
        Map<String, Ticket> travellingTickets = new HashMap<>();
        Set<String> opened = new HashSet<>();
        List<Ticket> arrived = new ArrayList<>();
        Map<String, Integer> ticketsPerPlayer = new HashMap<>();
        List<Pairing> pairs = new ArrayList<>();
        List<Ticket> bots = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        List<String> matchIds = new ArrayList<>();
        for (Step step : steps) {
            switch (step) {
                case Arrive a -> {
                    int n = ticketsPerPlayer.merge(a.player(), 1, Integer::sum);
                    Ticket t = new Ticket("t" + n, a.player(), a.rating(), 80, a.spread(), now.get());
                    arrived.add(t);
                    if (band.apply(Bands.home(queue, t.rating())).add(t)) {
                        opened.add(t.key());
                    }
                }
                case Leave l -> {
                    if (!arrived.isEmpty()) {
                        Ticket t = arrived.get(l.which() % arrived.size());
                        int home = Bands.home(queue, t.rating());
                        // home band first; a cancel that follows a travelling ticket lands after it
                        Optional<Ticket> removed = band.apply(home).remove(t.key());
                        if (removed.isEmpty() && travelling.remove(t.key()) != null) {
                            removed = Optional.of(travellingTickets.remove(t.key()));
                        }
                        if (removed.isEmpty()) {
                            removed = band.apply(home - 1).remove(t.key());
                        }
                        removed.ifPresent(r -> cancelled.add(r.key()));
                    }
                }
                case Redeliver r -> {
                    if (!arrived.isEmpty()) {
                        Ticket again = arrived.get(r.which() % arrived.size());
                        Matcher home = band.apply(Bands.home(queue, again.rating()));
                        // the player stage refuses a second join while the ticket is open anywhere
                        if (home.get(again.key()).isPresent()) {
                            assertThat(home.add(again)).isFalse();
                        }
                    }
                }
                case Tick t -> {
                    now.addAndGet(t.millis());
                    passAll(bands, band, travelling, travellingTickets, pairs, bots, expired, matchIds, now.get());
                }
            }
            assertInOneBandAtMost(bands, travelling);
        }
        now.addAndGet(queue.ticketTtl().toMillis());
        passAll(bands, band, travelling, travellingTickets, pairs, bots, expired, matchIds, now.get());
        assertThat(travelling).isEmpty();
        assertThat(bands.values()).allSatisfy(m -> assertThat(m.size()).isZero());
        return new Outcome(opened, pairs, bots, cancelled, expired, matchIds);
    }

    private static void passAll(TreeMap<Integer, Matcher> bands, Function<Integer, Matcher> band, Map<String, Integer> travelling,
                                Map<String, Ticket> travellingTickets, List<Pairing> pairs, List<Ticket> bots,
                                List<String> expired, List<String> matchIds, long now) {
        travelling.forEach((key, to) -> assertThat(band.apply(to).add(travellingTickets.get(key))).isTrue());
        travelling.clear();
        travellingTickets.clear();
        for (Map.Entry<Integer, Matcher> entry : List.copyOf(bands.entrySet())) {
            collect(entry.getValue().pass(), pairs, bots, expired, matchIds);
            for (Ticket moving : entry.getValue().takeHandOffs(entry.getKey(), now)) {
                travelling.put(moving.key(), entry.getKey() - 1);
                travellingTickets.put(moving.key(), moving);
            }
        }
    }

    private static void assertInOneBandAtMost(Map<Integer, Matcher> bands, Map<String, Integer> travelling) {
        List<String> everywhere = new ArrayList<>(travelling.keySet());
        bands.values().forEach(m -> m.tickets().forEach(t -> everywhere.add(t.key())));
        assertThat(everywhere).doesNotHaveDuplicates();
    }

    private record Outcome(Set<String> opened, List<Pairing> pairs, List<Ticket> bots, List<String> cancelled,
                           List<String> expired, List<String> matchIds) {}

    private static Outcome run(QueueDefinition queue, List<Step> steps) {
        AtomicLong now = new AtomicLong(0);
        Matcher matcher = new Matcher(queue, () -> Instant.ofEpochMilli(now.get()));
        Set<String> opened = new HashSet<>();
        List<Ticket> arrived = new ArrayList<>();
        Map<String, Integer> ticketsPerPlayer = new HashMap<>();
        List<Pairing> pairs = new ArrayList<>();
        List<Ticket> bots = new ArrayList<>();
        List<String> cancelled = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        List<String> matchIds = new ArrayList<>();
        for (Step step : steps) {
            switch (step) {
                case Arrive a -> {
                    int n = ticketsPerPlayer.merge(a.player(), 1, Integer::sum);
                    Ticket t = new Ticket("t" + n, a.player(), a.rating(), 80, a.spread(), now.get());
                    arrived.add(t);
                    if (matcher.add(t)) {
                        opened.add(t.key());
                    }
                }
                case Leave l -> {
                    if (!arrived.isEmpty()) {
                        matcher.remove(arrived.get(l.which() % arrived.size()).key()).ifPresent(t -> cancelled.add(t.key()));
                    }
                }
                case Redeliver r -> {
                    if (!arrived.isEmpty()) {
                        Ticket again = arrived.get(r.which() % arrived.size());
                        // the topology keeps a ticket's key once it ended, so only a still-open ticket reaches the matcher
                        if (matcher.get(again.key()).isPresent()) {
                            assertThat(matcher.add(again)).isFalse();
                        }
                    }
                }
                case Tick t -> {
                    now.addAndGet(t.millis());
                    collect(matcher.pass(), pairs, bots, expired, matchIds);
                }
            }
        }
        now.addAndGet(queue.ticketTtl().toMillis());
        collect(matcher.pass(), pairs, bots, expired, matchIds);
        assertThat(matcher.size()).isZero();
        return new Outcome(opened, pairs, bots, cancelled, expired, matchIds);
    }

    private static void collect(Pass pass, List<Pairing> pairs, List<Ticket> bots, List<String> expired, List<String> matchIds) {
        pairs.addAll(pass.pairings());
        bots.addAll(pass.botMatches());
        pass.expired().forEach(t -> expired.add(t.key()));
        pass.pairings().forEach(p -> matchIds.add(MatchIds.matchId(p)));
        pass.botMatches().forEach(t -> matchIds.add(MatchIds.botMatchId(t)));
    }
}
