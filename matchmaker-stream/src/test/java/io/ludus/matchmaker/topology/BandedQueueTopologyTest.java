package io.ludus.matchmaker.topology;

import io.ludus.events.match.MatchFormed;
import io.ludus.events.matchmaking.TicketCancelReason;
import io.ludus.events.matchmaking.TicketCancelled;
import io.ludus.events.matchmaking.TicketExpired;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.testkit.SchemaRegistryExtension;
import io.ludus.testkit.TestSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ranked-1v1 sharded into bands of 200 rating points: band 7 holds 1400..1599, band 8 1600..1799. Windows start at
 * 50 and widen by 10 per second (the queue defaults).
 */
@Timeout(120)
@ExtendWith(SchemaRegistryExtension.class)
class BandedQueueTopologyTest {

    private static final String QUEUE = "ranked-1v1";
    private static SchemaRegistryClient registry;
    private MatchmakerDriver mm;

    @BeforeAll
    static void registry(TestSchemaRegistry testRegistry) {
        registry = new SchemaRegistryClient(URI.create(testRegistry.url()));
    }

    @AfterAll
    static void closeRegistry() {
        registry.close();
    }

    @AfterEach
    void close() {
        if (mm != null) {
            mm.close();
        }
    }

    private void driver(String... extra) {
        Map<String, String> settings = new HashMap<>(MatchmakerDriver.settings(extra));
        settings.put("ludus.queues." + QUEUE + ".band-width", "200");
        mm = new MatchmakerDriver(registry, QueueDefinitions.parse(settings), 3, MatchmakerDriver.tempStateDir());
    }

    @Test
    void matchesCloseRatingsWithinOneBand() {
        driver();
        mm.rating("alice", 1500, 80);
        mm.rating("bob", 1530, 80);
        mm.join("alice", "a1", QUEUE, 100);
        mm.join("bob", "b1", QUEUE, 100);
        assertThat(mm.storedTicket("alice", "a1").band()).isEqualTo(7);
        mm.advance(Duration.ofMillis(200));

        MatchFormed match = mm.formed().getFirst();
        assertThat(Set.of(match.getTeamA().getPlayerId(), match.getTeamB().getPlayerId())).containsExactlyInAnyOrder("alice", "bob");
        assertThat(mm.formed()).hasSize(1);
        assertThat(mm.stats(QUEUE + "#7").recentWaitsMillis()).hasSize(2);
    }

    @Test
    void ticketsInAdjacentBandsMatchOnceTheirWindowsReachTheEdge() {
        driver();
        mm.rating("alice", 1580, 80);
        mm.rating("bob", 1660, 80);
        mm.join("alice", "a1", QUEUE, 300);
        mm.join("bob", "b1", QUEUE, 300);
        assertThat(mm.storedTicket("bob", "b1").band()).isEqualTo(8);

        // bob's window reaches below 1600 after 1 s: he moves down to band 7, keeping his wait
        mm.advance(Duration.ofMillis(1_500));
        assertThat(mm.storedTicket("bob", "b1").band()).isEqualTo(7);
        assertThat(mm.storedTicket("bob", "b1").openedAtMillis()).isEqualTo(MatchmakerDriver.START.toEpochMilli());
        assertThat(mm.formed()).isEmpty();

        // a difference of 80 is accepted after 3 s of waiting
        mm.advance(Duration.ofMillis(1_000));
        assertThat(mm.formed()).isEmpty();
        mm.advance(Duration.ofMillis(1_000));

        MatchFormed match = mm.formed().getFirst();
        assertThat(Set.of(match.getTeamA().getTicketId(), match.getTeamB().getTicketId())).containsExactlyInAnyOrder("a1", "b1");
        mm.advance(Duration.ofSeconds(10));
        assertThat(mm.formed()).hasSize(1);
        assertThat(mm.requests()).singleElement().satisfies(r -> assertThat(r.getMatchId()).isEqualTo(match.getMatchId()));
        // a hand-off is not a second opening
        assertThat(mm.ticketPayloads(TicketOpened.class)).extracting(TicketOpened::getTicketId).containsExactly("a1", "b1");
        assertThat(mm.storedTicket("bob", "b1")).isNull();
        assertThat(mm.queueStats(QUEUE).depth()).isZero();
    }

    @Test
    void leaveAfterHandOffCancelsTheMovedTicket() {
        driver();
        mm.rating("bob", 1610, 80);
        mm.rating("carol", 1620, 80);
        mm.rating("alice", 1560, 80);
        // bob's window reaches below 1600 at once: the first pass hands him down, the next one takes him in
        mm.join("bob", "b1", QUEUE, 100);
        mm.advance(Duration.ofMillis(100));
        assertThat(mm.storedTicket("bob", "b1")).as("travelling to band 7").isNull();
        // he leaves while his ticket travels: the cancel finds nothing in band 8, follows it, and lands after it
        mm.leave("bob", "b2", QUEUE);
        mm.advance(Duration.ofMillis(100));
        assertThat(mm.storedTicket("bob", "b1")).isNull();

        // carol leaves after arriving in band 7
        mm.join("carol", "c1", QUEUE, 100);
        mm.advance(Duration.ofMillis(200));
        assertThat(mm.storedTicket("carol", "c1").band()).isEqualTo(7);
        mm.leave("carol", "c2", QUEUE);
        mm.join("alice", "a1", QUEUE, 100);
        mm.advance(Duration.ofSeconds(20));

        assertThat(mm.ticketPayloads(TicketCancelled.class))
                .allSatisfy(c -> assertThat(c.getReason()).isEqualTo(TicketCancelReason.PLAYER_LEFT))
                .extracting(TicketCancelled::getTicketId).containsExactly("b1", "c1");
        assertThat(mm.formed()).as("alice finds neither moved ticket").isEmpty();
        assertThat(mm.queueStats(QUEUE).depth()).isEqualTo(1);
        assertThat(mm.refusals()).isEmpty();
    }

    @Test
    void banCancelsAMovedTicket() {
        driver();
        mm.rating("alice", 1610, 80);
        mm.join("alice", "a1", QUEUE, 100);
        mm.advance(Duration.ofMillis(300));
        assertThat(mm.storedTicket("alice", "a1").band()).isEqualTo(7);

        mm.ban("alice", null);
        mm.advance(Duration.ofMillis(200));

        assertThat(mm.ticketPayloads(TicketCancelled.class)).singleElement()
                .satisfies(c -> assertThat(c.getReason()).isEqualTo(TicketCancelReason.ACCOUNT_BANNED));
        assertThat(mm.storedTicket("alice", "a1")).isNull();
    }

    @Test
    void movedTicketExpiresOnceAtItsOwnTtl() {
        driver("ludus.queues.ranked-1v1.ticket-ttl", "30s");
        mm.rating("alice", 1610, 80);
        mm.join("alice", "a1", QUEUE, 100);
        mm.advance(Duration.ofSeconds(29));
        assertThat(mm.storedTicket("alice", "a1").band()).isEqualTo(7);
        assertThat(mm.ticketPayloads(TicketExpired.class)).isEmpty();

        mm.advance(Duration.ofSeconds(2));
        assertThat(mm.ticketPayloads(TicketExpired.class)).singleElement()
                .satisfies(e -> assertThat(e.getOpenedAt()).isEqualTo(MatchmakerDriver.START));
        // the expiry reached the player stage: a new join is accepted
        mm.join("alice", "a2", QUEUE, 100);
        assertThat(mm.refusals()).isEmpty();
        assertThat(mm.ticketPayloads(TicketOpened.class)).extracting(TicketOpened::getTicketId).containsExactly("a1", "a2");
    }

    @Test
    void depthQuerySumsTheBands() {
        driver();
        mm.rating("alice", 1500, 80);
        mm.rating("bob", 1700, 80);
        mm.rating("carol", 1900, 80);
        // spread 0: a window never reaches an edge, each ticket stays in its own band
        mm.join("alice", "a1", QUEUE, 0);
        mm.join("bob", "b1", QUEUE, 0);
        mm.join("carol", "c1", QUEUE, 0);
        mm.advance(Duration.ofMillis(300));

        assertThat(mm.stats(QUEUE + "#7").depth()).isEqualTo(1);
        assertThat(mm.stats(QUEUE + "#8").depth()).isEqualTo(1);
        assertThat(mm.stats(QUEUE + "#9").depth()).isEqualTo(1);
        assertThat(mm.stats(QUEUE)).isNull();
        assertThat(mm.queueStats(QUEUE).depth()).isEqualTo(3);
        assertThat(mm.queueStats("ranked-3v3")).isNull();
    }

    @Test
    void unbandedQueuesBesideABandedOneKeepTheirSingleKey() {
        driver();
        mm.join("alice", "a1", "ranked-3v3", 100);
        mm.join("bob", "b1", "ranked-3v3", 100);
        mm.advance(Duration.ofMillis(200));

        assertThat(mm.formed()).hasSize(1);
        assertThat(mm.storedTicket("alice", "a1")).isNull();
        assertThat(mm.stats("ranked-3v3").recentWaitsMillis()).hasSize(2);
        assertThat(mm.queueStats("ranked-3v3").depth()).isZero();
    }
}
