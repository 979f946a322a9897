package io.ludus.matchmaker.matching;

import io.ludus.events.queue.QueueDefinition;
import io.ludus.events.queue.QueueDefinitions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class MatcherTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final QueueDefinition queue = QueueDefinitions.parse(Map.of("ludus.queues.casual-3v3.bot-wait", "30s"))
            .find("casual-3v3").orElseThrow();
    private final Matcher matcher = new Matcher(queue, clock);

    private Ticket ticket(String player, String id, double rating, int spread) {
        return new Ticket(id, player, rating, 100, spread, now.get());
    }

    @Test
    void neverPairsAPlayerWithThemselves() {
        matcher.add(ticket("alice", "a1", 1500, 100));
        matcher.add(ticket("alice", "a2", 1500, 100));

        assertThat(matcher.pass().pairings()).isEmpty();
        assertThat(matcher.size()).isEqualTo(2);
    }

    @Test
    void bothTicketsMustAcceptTheDifference() {
        matcher.add(ticket("alice", "a1", 1500, 10));
        matcher.add(ticket("bob", "b1", 1530, 300));

        assertThat(matcher.pass().pairings()).isEmpty();
        now.addAndGet(Duration.ofMinutes(1).toMillis());
        assertThat(matcher.pass().pairings()).isEmpty();
    }

    @Test
    void tieGoesToTheLongestWait() {
        matcher.add(ticket("old", "o1", 1500, 100));
        now.addAndGet(1_000);
        matcher.add(ticket("mid", "m1", 1520, 100));
        matcher.add(ticket("new", "n1", 1540, 100));

        Pass pass = matcher.pass();
        assertThat(pass.pairings()).singleElement()
                .satisfies(p -> assertThat(java.util.Set.of(p.a().playerId(), p.b().playerId())).containsExactlyInAnyOrder("old", "mid"));
        assertThat(matcher.tickets()).extracting(Ticket::playerId).containsExactly("new");
    }

    @Test
    void addingTheSameTicketTwiceKeepsOne() {
        Ticket t = ticket("alice", "a1", 1500, 100);
        assertThat(matcher.add(t)).isTrue();
        assertThat(matcher.add(t)).isFalse();
        assertThat(matcher.size()).isEqualTo(1);
    }

    @Test
    void expiredTicketsAreNotMatched() {
        matcher.add(ticket("alice", "a1", 1500, 100));
        now.addAndGet(queue.ticketTtl().toMillis());
        matcher.add(ticket("bob", "b1", 1500, 100));

        Pass pass = matcher.pass();
        assertThat(pass.expired()).extracting(Ticket::ticketId).containsExactly("a1");
        assertThat(pass.pairings()).isEmpty();
        assertThat(pass.botMatches()).isEmpty();
        assertThat(matcher.size()).isEqualTo(1);
    }

    @Test
    void botMatchesOnlyAfterTheBotWait() {
        matcher.add(ticket("alice", "a1", 1500, 100));
        now.addAndGet(29_999);
        assertThat(matcher.pass().botMatches()).isEmpty();
        now.addAndGet(1);
        assertThat(matcher.pass().botMatches()).extracting(Ticket::ticketId).containsExactly("a1");
        assertThat(matcher.size()).isZero();
    }

    @Test
    void matchIdDependsOnlyOnThePair() {
        Ticket a = ticket("alice", "a1", 1500, 100);
        Ticket b = ticket("bob", "b1", 1500, 100);
        Ticket laterB = new Ticket("b1", "bob", 1600, 50, 10, now.get() + 5_000);

        assertThat(MatchIds.matchId(Pairing.of(a, b))).isEqualTo(MatchIds.matchId(Pairing.of(b, a)))
                .isEqualTo(MatchIds.matchId(Pairing.of(a, laterB)));
        assertThat(MatchIds.matchId(Pairing.of(a, b))).isNotEqualTo(MatchIds.matchId(Pairing.of(a, ticket("carol", "b1", 1500, 100))));
    }

    @Test
    void keysOfDifferentPlayersNeverCollide() {
        assertThat(Ticket.key("a/b", "c")).isNotEqualTo(Ticket.key("a", "b/c"));
    }

    @Test
    void handsDownOnlyHomeTicketsWhoseWindowReachesBelowTheBand() {
        // bands of 200: band 7 is 1400..1599; window 50, then +10 per second
        QueueDefinition banded = QueueDefinitions.parse(Map.of("ludus.queues.ranked-1v1.band-width", "200"))
                .find("ranked-1v1").orElseThrow();
        Matcher band7 = new Matcher(banded, clock);
        band7.add(ticket("near-edge", "n1", 1420, 300));
        band7.add(ticket("middle", "m1", 1500, 300));
        band7.add(ticket("visitor", "v1", 1610, 300)); // moved here from band 8

        assertThat(band7.takeHandOffs(7, now.get())).extracting(Ticket::playerId).containsExactly("near-edge");
        assertThat(band7.get(Ticket.key("near-edge", "n1"))).isEmpty();

        // after 6 s the middle ticket's window (110) reaches below 1400 too; the visitor, above the band, never moves
        now.addAndGet(6_000);
        assertThat(band7.takeHandOffs(7, now.get())).extracting(Ticket::playerId).containsExactly("middle");
        now.addAndGet(60_000);
        assertThat(band7.takeHandOffs(7, now.get())).isEmpty();
        assertThat(band7.size()).isEqualTo(1);
        assertThat(Bands.home(banded, 1610)).isEqualTo(8);
        assertThat(Bands.home(banded, 1399.9)).isEqualTo(6);
    }

    @Test
    void unbandedQueueNeverHandsOff() {
        matcher.add(ticket("alice", "a1", 1, 300));
        now.addAndGet(60_000);
        assertThat(matcher.takeHandOffs(0, now.get())).isEmpty();
        assertThat(Bands.home(queue, 1900)).isZero();
    }
}
