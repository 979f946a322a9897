package io.ludus.matchmaker.topology;

import io.ludus.events.match.MatchFormed;
import io.ludus.events.matchmaking.TicketCancelReason;
import io.ludus.events.matchmaking.TicketCancelled;
import io.ludus.events.matchmaking.TicketExpired;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.queue.QueueDefinitions;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.rejection.CommandRefused;
import io.ludus.events.rejection.RejectionReason;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.sim.BattleSimulator;
import io.ludus.sim.validation.LoadoutValidator;
import io.ludus.simevents.EventMapping;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
@ExtendWith(SchemaRegistryExtension.class)
class MatchmakerTopologyTest {

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

    private MatchmakerDriver driver(Map<String, String> queueSettings, int maxOpen) {
        mm = new MatchmakerDriver(registry, QueueDefinitions.parse(queueSettings), maxOpen, MatchmakerDriver.tempStateDir());
        return mm;
    }

    private MatchmakerDriver driver() {
        return driver(Map.of(), 3);
    }

    @Test
    void matchesPlayersWithinSpread() {
        driver();
        mm.rating("alice", 1500, 80);
        mm.rating("bob", 1530, 90);

        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.join("bob", "b1", "ranked-1v1", 100);
        mm.advance(Duration.ofMillis(200));

        assertThat(mm.ticketPayloads(TicketOpened.class)).extracting(TicketOpened::getTicketId).containsExactly("a1", "b1");
        assertThat(mm.ticketPayloads(TicketOpened.class).getFirst().getRating()).isEqualTo(1500);
        List<MatchFormed> formed = mm.formed();
        assertThat(formed).hasSize(1);
        MatchFormed match = formed.getFirst();
        assertThat(Set.of(match.getTeamA().getPlayerId(), match.getTeamB().getPlayerId())).containsExactlyInAnyOrder("alice", "bob");
        assertThat(Set.of(match.getTeamA().getTicketId(), match.getTeamB().getTicketId())).containsExactlyInAnyOrder("a1", "b1");
        assertThat(match.getRanked()).isTrue();
        assertThat(match.getQueueId()).isEqualTo("ranked-1v1");

        SimulationRequested request = mm.requests().getFirst();
        assertThat(request.getMatchId()).isEqualTo(match.getMatchId());
        assertThat(request.getSeed()).isEqualTo(match.getSeed());
        assertThat(request.getQueueId()).isEqualTo("ranked-1v1");
        assertThat(request.getRanked()).isTrue();
        assertThat(request.getContentVersion()).isEqualTo(MatchmakerDriver.PACK.version());
        assertThat(request.getEngineVersion()).isEqualTo(Integer.toString(BattleSimulator.ENGINE_VERSION));
        assertThat(EventMapping.side(request.getTeamA())).isEqualTo(match.getTeamA());
        assertThat(List.of(request.getTeamA().getDeviation(), request.getTeamB().getDeviation())).containsExactlyInAnyOrder(80.0, 90.0);
        assertThat(LoadoutValidator.validate(MatchmakerDriver.PACK, EventMapping.toSetup(request).teamA())).isEmpty();
    }

    @Test
    void newPlayerStartsAtTheDefaultRating() {
        driver();
        mm.join("newcomer", "n1", "ranked-1v1", 100);

        TicketOpened opened = mm.ticketPayloads(TicketOpened.class).getFirst();
        assertThat(opened.getRating()).isEqualTo(MatchmakerTopology.DEFAULT_RATING);
        assertThat(opened.getDeviation()).isEqualTo(MatchmakerTopology.DEFAULT_DEVIATION);
    }

    @Test
    void doesNotMatchBeyondSpread() {
        driver();
        mm.rating("alice", 1500, 80);
        mm.rating("bob", 1800, 80);

        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.join("bob", "b1", "ranked-1v1", 1000);
        mm.advance(Duration.ofMinutes(2));

        assertThat(mm.formed()).isEmpty();
        assertThat(mm.stats("ranked-1v1").depth()).isEqualTo(2);
    }

    @Test
    void windowWidensWithWaitingTime() {
        driver();
        mm.rating("alice", 1500, 80);
        mm.rating("bob", 1600, 80);
        mm.join("alice", "a1", "ranked-1v1", 300);
        mm.join("bob", "b1", "ranked-1v1", 300);

        // initial window 50 + 10 per second: a difference of 100 is accepted after 5 s of waiting
        mm.advance(Duration.ofMillis(4_500));
        assertThat(mm.formed()).isEmpty();

        mm.advance(Duration.ofMillis(1_000));
        assertThat(mm.formed()).hasSize(1);
    }

    @Test
    void prefersTheSmallestRatingDifference() {
        driver();
        mm.rating("alice", 1500, 80);
        mm.rating("bob", 1540, 80);
        mm.rating("carol", 1510, 80);
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.join("bob", "b1", "ranked-1v1", 100);
        mm.join("carol", "c1", "ranked-1v1", 100);
        mm.advance(Duration.ofMillis(100));

        MatchFormed match = mm.formed().getFirst();
        assertThat(Set.of(match.getTeamA().getPlayerId(), match.getTeamB().getPlayerId())).containsExactlyInAnyOrder("alice", "carol");
    }

    @Test
    void leaveRemovesTheTicket() {
        driver();
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.leave("alice", "a2", "ranked-1v1");
        mm.join("bob", "b1", "ranked-1v1", 100);
        mm.advance(Duration.ofSeconds(1));

        TicketCancelled cancelled = mm.ticketPayloads(TicketCancelled.class).getFirst();
        assertThat(cancelled.getTicketId()).isEqualTo("a1");
        assertThat(cancelled.getCommandId()).isEqualTo("a2");
        assertThat(cancelled.getReason()).isEqualTo(TicketCancelReason.PLAYER_LEFT);
        assertThat(mm.formed()).isEmpty();
        assertThat(mm.stats("ranked-1v1").depth()).isEqualTo(1);
    }

    @Test
    void leaveOfTheLastTicketEmptiesTheQueueDepth() {
        driver();
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.advance(Duration.ofMillis(200));
        assertThat(mm.stats("ranked-1v1").depth()).isEqualTo(1);

        mm.leave("alice", "a2", "ranked-1v1");
        mm.advance(Duration.ofMillis(200));
        assertThat(mm.stats("ranked-1v1").depth()).isZero();
    }

    @Test
    void expiresTicketAfterTtl() {
        driver(Map.of("ludus.queues.ranked-1v1.ticket-ttl", "30s"), 3);
        mm.join("alice", "a1", "ranked-1v1", 100);

        mm.advance(Duration.ofSeconds(29));
        assertThat(mm.ticketPayloads(TicketExpired.class)).isEmpty();
        mm.advance(Duration.ofSeconds(2));

        TicketExpired expired = mm.ticketPayloads(TicketExpired.class).getFirst();
        assertThat(expired.getTicketId()).isEqualTo("a1");
        assertThat(expired.getOpenedAt()).isEqualTo(MatchmakerDriver.START);
        // the expiry came back to the player stage: a new join is accepted
        mm.join("alice", "a2", "ranked-1v1", 100);
        assertThat(mm.ticketPayloads(TicketOpened.class)).extracting(TicketOpened::getTicketId).containsExactly("a1", "a2");
        assertThat(mm.refusals()).isEmpty();
    }

    @Test
    void duplicateTicketIdIsIgnored() {
        driver();
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.join("bob", "b1", "ranked-1v1", 100);
        mm.advance(Duration.ofMillis(200));
        // a retry after the match is still a no-op, not a second ticket
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.advance(Duration.ofSeconds(1));

        assertThat(mm.ticketPayloads(TicketOpened.class)).extracting(TicketOpened::getTicketId).containsExactly("a1", "b1");
        assertThat(mm.refusals()).isEmpty();
        assertThat(mm.formed()).hasSize(1);
    }

    @Test
    void playerWithTicketsInTwoQueuesGetsTwoMatches() {
        driver();
        mm.join("alice", "a1", "ranked-3v3", 100);
        mm.join("alice", "a2", "casual-3v3", 100);
        mm.join("bob", "b1", "ranked-3v3", 100);
        mm.join("carol", "c1", "casual-3v3", 100);
        mm.advance(Duration.ofMillis(200));

        Map<String, MatchFormed> byQueue = mm.formed().stream().collect(Collectors.toMap(MatchFormed::getQueueId, m -> m));
        assertThat(byQueue).containsOnlyKeys("ranked-3v3", "casual-3v3");
        assertThat(sides(byQueue.get("ranked-3v3"))).containsExactlyInAnyOrder("alice", "bob");
        assertThat(sides(byQueue.get("casual-3v3"))).containsExactlyInAnyOrder("alice", "carol");
        assertThat(byQueue.get("casual-3v3").getRanked()).isFalse();
        assertThat(byQueue.get("ranked-3v3").getMatchId()).isNotEqualTo(byQueue.get("casual-3v3").getMatchId());
    }

    @Test
    void neverMatchesPlayerAgainstThemselves() {
        driver();
        // alice leaves and rejoins: the old ticket is cancelled before the new one can meet it
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.leave("alice", "a2", "ranked-1v1");
        mm.join("alice", "a3", "ranked-1v1", 100);
        mm.advance(Duration.ofSeconds(10));

        assertThat(mm.formed()).isEmpty();
        assertThat(mm.stats("ranked-1v1").depth()).isEqualTo(1);
    }

    @Test
    void capRefusesTheTicketOverTheLimit() {
        driver(Map.of("ludus.queues.duel-a.team-size", "3", "ludus.queues.duel-b.team-size", "3"), 3);
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.join("alice", "a2", "duel-a", 100);
        mm.join("alice", "a3", "duel-b", 100);
        mm.join("alice", "a4", "ranked-3v3", 100);

        assertThat(mm.ticketPayloads(TicketOpened.class)).hasSize(3);
        CommandRefused refused = mm.refusals().getFirst();
        assertThat(refused.getCommandId()).isEqualTo("a4");
        assertThat(refused.getReason()).isEqualTo(RejectionReason.TOO_MANY_TICKETS);
        assertThat(refused.getMessage()).contains("3 queues");

        // a leave frees a slot
        mm.leave("alice", "a5", "duel-a");
        mm.join("alice", "a6", "ranked-3v3", 100);
        assertThat(mm.ticketPayloads(TicketOpened.class)).extracting(TicketOpened::getTicketId).contains("a6");
    }

    @Test
    void botBackfillsALongWait() {
        driver(Map.of("ludus.queues.casual-3v3.bot-wait", "20s"), 3);
        mm.rating("alice", 1620, 60);
        mm.join("alice", "a1", "casual-3v3", 100);
        mm.advance(Duration.ofSeconds(19));
        assertThat(mm.formed()).isEmpty();

        mm.advance(Duration.ofSeconds(2));
        MatchFormed match = mm.formed().getFirst();
        assertThat(match.getTeamA().getBot() ^ match.getTeamB().getBot()).isTrue();
        assertThat(match.getRanked()).isFalse();
        SimulationRequested request = mm.requests().getFirst();
        var bot = request.getTeamA().getBot() ? request.getTeamA() : request.getTeamB();
        assertThat(bot.getRating()).isEqualTo(1620);
        assertThat(bot.getTicketId()).isEmpty();
        assertThat(bot.getLoadout().getUnits()).hasSize(3);
        var setup = EventMapping.toSetup(request);
        assertThat(LoadoutValidator.validate(MatchmakerDriver.PACK, setup.teamA())).isEmpty();
        assertThat(LoadoutValidator.validate(MatchmakerDriver.PACK, setup.teamB())).isEmpty();
        assertThat(new BattleSimulator(MatchmakerDriver.PACK).run(setup, null)).isNotNull();
    }

    @Test
    void rankedQueueWithoutBotWaitNeverBackfills() {
        driver();
        mm.join("alice", "a1", "ranked-3v3", 100);
        mm.advance(Duration.ofMinutes(5));
        assertThat(mm.formed()).isEmpty();
    }

    @Test
    void unknownQueueIsRefused() {
        driver();
        mm.join("alice", "a1", "no-such-queue", 100, MatchmakerDriver.loadout("alice", 3));
        assertRefused("a1", RejectionReason.UNKNOWN_QUEUE);
    }

    @Test
    void secondTicketInOneQueueIsRefused() {
        driver();
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.join("alice", "a2", "ranked-1v1", 100);
        assertRefused("a2", RejectionReason.ALREADY_IN_QUEUE);
        assertThat(mm.ticketPayloads(TicketOpened.class)).hasSize(1);
    }

    @Test
    void leavingAQueueNotJoinedIsRefused() {
        driver();
        mm.leave("alice", "a1", "ranked-1v1");
        assertRefused("a1", RejectionReason.NOT_IN_QUEUE);
    }

    @Test
    void teamOfTheWrongSizeIsRefused() {
        driver();
        mm.join("alice", "a1", "ranked-1v1", 100, MatchmakerDriver.loadout("alice", 3));
        assertRefused("a1", RejectionReason.INVALID_LOADOUT);
    }

    @Test
    void banCancelsOpenTicketsAndRefusesJoins() {
        driver();
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.join("alice", "a2", "casual-3v3", 100);
        mm.ban("alice", null);
        mm.join("alice", "a3", "ranked-3v3", 100);

        assertThat(mm.ticketPayloads(TicketCancelled.class))
                .allSatisfy(c -> assertThat(c.getReason()).isEqualTo(TicketCancelReason.ACCOUNT_BANNED))
                .extracting(TicketCancelled::getTicketId).containsExactlyInAnyOrder("a1", "a2");
        assertRefused("a3", RejectionReason.ACCOUNT_BANNED);
    }

    @Test
    void temporaryBanEnds() {
        driver();
        mm.ban("alice", MatchmakerDriver.START.plus(Duration.ofMinutes(1)));
        mm.join("alice", "a1", "ranked-1v1", 100);
        assertRefused("a1", RejectionReason.ACCOUNT_BANNED);

        mm.advance(Duration.ofMinutes(2));
        mm.join("alice", "a2", "ranked-1v1", 100);
        assertThat(mm.ticketPayloads(TicketOpened.class)).extracting(TicketOpened::getTicketId).containsExactly("a2");
    }

    @Test
    void matchedPlayerMayJoinTheSameQueueAgain() {
        driver();
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.join("bob", "b1", "ranked-1v1", 100);
        mm.advance(Duration.ofMillis(200));
        mm.join("alice", "a2", "ranked-1v1", 100);

        assertThat(mm.refusals()).isEmpty();
        assertThat(mm.ticketPayloads(TicketOpened.class)).extracting(TicketOpened::getTicketId).containsExactly("a1", "b1", "a2");
    }

    @Test
    void queueStatsReportDepthRecentWaitsAndMatchesFormed() {
        driver();
        mm.join("alice", "a1", "ranked-1v1", 100);
        mm.advance(Duration.ofSeconds(3));
        assertThat(mm.stats("ranked-1v1").depth()).isEqualTo(1);
        mm.join("bob", "b1", "ranked-1v1", 100);
        mm.advance(Duration.ofMillis(100));

        QueueStats stats = mm.stats("ranked-1v1");
        assertThat(stats.depth()).isZero();
        assertThat(stats.recentWaitsMillis()).hasSize(2);
        assertThat(stats.p50WaitMillis()).isBetween(0L, 200L);
        assertThat(stats.p95WaitMillis()).isBetween(3_000L, 3_300L);
        assertThat(stats.matchesFormed()).isEqualTo(1);
    }

    private void assertRefused(String commandId, RejectionReason reason) {
        List<CommandRefused> refusals = mm.refusals();
        assertThat(refusals).filteredOn(r -> r.getCommandId().equals(commandId))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getReason()).isEqualTo(reason);
                    assertThat(r.getPlayerId()).isEqualTo("alice");
                    assertThat(r.getMessage()).isNotBlank();
                });
    }

    private static List<String> sides(MatchFormed match) {
        return List.of(match.getTeamA().getPlayerId(), match.getTeamB().getPlayerId());
    }
}
