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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

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
