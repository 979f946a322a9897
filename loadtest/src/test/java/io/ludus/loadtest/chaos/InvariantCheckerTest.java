package io.ludus.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Given a game log and read models, when checked, then exactly the broken invariant reports a violation. */
class InvariantCheckerTest {

    /** A clean game: ann and bob met once in ranked-1v1 (rated), ann then beat a bot in casual-3v3. */
    private final List<GameLog.Join> joins = new ArrayList<>(List.of(new GameLog.Join("c1", "ann"), new GameLog.Join("c2", "bob"),
            new GameLog.Join("c3", "ann"), new GameLog.Join("c4", "ann")));
    private final Set<String> opened = new HashSet<>(Set.of("c1", "c2", "c3"));
    private final Set<String> rejected = new HashSet<>(Set.of("c4"));
    private final List<GameLog.Formed> formed = new ArrayList<>(List.of(new GameLog.Formed("m1", "ann", "c1", "bob", "c2"),
            new GameLog.Formed("m2", "ann", "c3", "bot-7", "bot-t")));
    private final List<GameLog.Result> results = new ArrayList<>(List.of(new GameLog.Result("m1", "TEAM_A_WINS/120"),
            new GameLog.Result("m1", "TEAM_A_WINS/120"), new GameLog.Result("m2", "DRAW/300"), new GameLog.Result("m2", "DRAW/300")));
    private final List<GameLog.Completed> completed = new ArrayList<>(List.of(
            new GameLog.Completed("m1", "ranked-1v1", true, "ann", false, "bob", false),
            new GameLog.Completed("m2", "casual-3v3", false, "ann", false, "bot-7", true)));
    private final List<GameLog.RatingChange> ratings = new ArrayList<>(List.of(new GameLog.RatingChange("ann", "m1"),
            new GameLog.RatingChange("bob", "m1"), new GameLog.RatingChange("cy", null)));
    private final Map<String, List<Long>> seqs = new LinkedHashMap<>(Map.of("ann", new ArrayList<>(List.of(1L, 2L, 3L)),
            "bob", new ArrayList<>(List.of(1L, 2L))));
    private final Map<ReadModels.PlayerQueue, Long> stats = new HashMap<>(Map.of(
            new ReadModels.PlayerQueue("ann", "ranked-1v1"), 1L, new ReadModels.PlayerQueue("bob", "ranked-1v1"), 1L,
            new ReadModels.PlayerQueue("ann", "casual-3v3"), 1L));
    private final Map<String, Long> games = new HashMap<>(Map.of("ann", 1L, "bob", 1L));
    private InvariantChecker.Delivery delivery = new InvariantChecker.Delivery(5, 0, 0, 0, 0);

    private Map<String, Invariant> check() {
        Map<String, Invariant> byName = new LinkedHashMap<>();
        InvariantChecker.check(new GameLog(joins, opened, rejected, formed, results, completed, ratings, seqs),
                new ReadModels(stats, games), delivery).forEach(i -> byName.put(i.name(), i));
        return byName;
    }

    private void assertOnlyViolated(String name) {
        Map<String, Invariant> all = check();
        assertThat(all.get(name).violations()).as(name).isPositive();
        assertThat(all.get(name).examples()).isNotEmpty();
        all.values().stream().filter(i -> !i.name().equals(name))
                .forEach(i -> assertThat(i.violations()).as("%s while breaking %s", i.name(), name).isZero());
    }

    @Test
    void aCleanGameHoldsEveryInvariantWithWhatItChecked() {
        Map<String, Invariant> all = check();
        assertThat(all).hasSize(9);
        assertThat(all.values()).allMatch(Invariant::holds).allMatch(i -> i.behind() == 0);
        assertThat(all.get(InvariantChecker.TICKETS_KEPT).checked()).isEqualTo(4);
        assertThat(all.get(InvariantChecker.LOG_GAPLESS).checked()).isEqualTo(5);
        assertThat(all.get(InvariantChecker.ONE_RESULT).checked()).isEqualTo(2);
    }

    @Test
    void anAcknowledgedJoinWithoutTicketOrRefusalIsLost() {
        joins.add(new GameLog.Join("c9", "bob"));
        assertOnlyViolated(InvariantChecker.TICKETS_KEPT);
    }

    @Test
    void aTicketInTwoMatchesIsCaught() {
        formed.add(new GameLog.Formed("m3", "bob", "c2", "cy", "c7"));
        assertOnlyViolated(InvariantChecker.TICKET_ONCE);
    }

    @Test
    void aMatchFormedTwiceIsCaught() {
        formed.add(formed.get(0));
        assertOnlyViolated(InvariantChecker.MATCH_FORMED_ONCE);
    }

    @Test
    void aPlayerAgainstThemselvesIsCaught() {
        formed.add(new GameLog.Formed("m4", "dee", "c20", "dee", "c21"));
        assertOnlyViolated(InvariantChecker.NO_SELF_MATCH);
    }

    @Test
    void aMatchSimulatedIntoTwoResultsIsCaught() {
        results.add(new GameLog.Result("m2", "TEAM_B_WINS/300"));
        assertOnlyViolated(InvariantChecker.ONE_RESULT);
    }

    @Test
    void aStatCountedTwiceIsCaughtAndOneNotYetCountedIsOnlyBehind() {
        stats.put(new ReadModels.PlayerQueue("bob", "ranked-1v1"), 2L);
        assertOnlyViolated(InvariantChecker.STATS_ONCE);
        stats.put(new ReadModels.PlayerQueue("bob", "ranked-1v1"), 0L);
        Invariant behind = check().get(InvariantChecker.STATS_ONCE);
        assertThat(behind.holds()).isTrue();
        assertThat(behind.behind()).isEqualTo(1);
    }

    @Test
    void aBotMatchCountsForTheHumanOnly() {
        stats.put(new ReadModels.PlayerQueue("bot-7", "casual-3v3"), 1L);
        assertOnlyViolated(InvariantChecker.STATS_ONCE);
    }

    @Test
    void aRatingCountedTwiceInTheReadModelIsCaught() {
        games.put("ann", 2L);
        assertOnlyViolated(InvariantChecker.RATING_ONCE);
    }

    @Test
    void aRatingChangePublishedTwiceForOneMatchIsCaught() {
        ratings.add(new GameLog.RatingChange("bob", "m1"));
        assertOnlyViolated(InvariantChecker.RATING_ONCE);
    }

    @Test
    void aGapInTheNotificationLogIsCaught() {
        seqs.get("bob").add(4L);
        assertOnlyViolated(InvariantChecker.LOG_GAPLESS);
    }

    @Test
    void aDuplicateInTheNotificationLogIsCaught() {
        seqs.get("ann").add(3L);
        assertOnlyViolated(InvariantChecker.LOG_GAPLESS);
    }

    @Test
    void aBotThatMissedANotificationBreaksDelivery() {
        delivery = new InvariantChecker.Delivery(5, 1, 0, 0, 0);
        assertOnlyViolated(InvariantChecker.BOTS_RECEIVED_ALL);
    }

    @Test
    void notificationsSkippedByAResyncWereNotReceived() {
        delivery = new InvariantChecker.Delivery(5, 0, 0, 0, 3);
        assertOnlyViolated(InvariantChecker.BOTS_RECEIVED_ALL);
    }

    @Test
    void withoutASwarmReportTheDeliveryCheckIsLeftOut() {
        delivery = null;
        assertThat(check()).doesNotContainKey(InvariantChecker.BOTS_RECEIVED_ALL).hasSize(8);
    }
}
