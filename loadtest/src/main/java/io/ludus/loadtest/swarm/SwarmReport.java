package io.ludus.loadtest.swarm;

import io.ludus.tools.cli.Table;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The end-of-run report. {@code matchesPerSecond}: distinct matches whose result reached a bot, per second of the
 * run; latencies: from sending {@code queue.join} to the {@code MatchResultReady} notification, for tickets whose bot
 * stayed connected meanwhile ({@code joinToResultAfterRampUp}: only joins sent after the ramp-up, when every bot
 * is logged in and a cold server has had the ramp-up to warm). Of the joins after the ramp-up, {@code
 * matchFoundToResultAfterRampUp} is the part from the MatchFound notification to the result (the pipeline once
 * matched: simulation, replay, stats, notification) and {@code joinToResultByQueue} splits them per queue (a ranked
 * queue's wait for an opponent within the rating window is matchmaking policy, not pipeline). Notification counts
 * come from the per-player sequence numbers.
 */
public record SwarmReport(String target, int bots, int botsLoggedIn, double seconds, long joins, long joinRetries, long matches,
                          double matchesPerSecond, double sustainedMatchesPerSecond, LatencyStats joinToResult,
                          LatencyStats joinToResultAfterRampUp, LatencyStats matchFoundToResultAfterRampUp,
                          Map<String, LatencyStats> joinToResultByQueue, Map<String, Long> errorsByCode,
                          long ticketsEndedWithoutResult, long unfinishedTickets, long friendRequestsSent,
                          long friendRequestsAccepted, long replaysFetched, long replaysVerified, long disconnects,
                          long resumes, long notifications, long missedNotifications, long duplicatedNotifications,
                          long outOfOrderNotifications, long resyncSkippedNotifications,
                          List<String> deliveryExamples) {

    static SwarmReport of(String target, int bots, double seconds, double sustainedMatchesPerSecond, long steadyFromNanos,
                          SwarmStats s) {
        long[] latencies = s.joinToResult.stream().mapToLong(SwarmStats.JoinToResult::millis).toArray();
        List<SwarmStats.JoinToResult> steady = s.joinToResult.stream().filter(j -> j.sentNanos() - steadyFromNanos >= 0).toList();
        long[] afterRampUp = steady.stream().mapToLong(SwarmStats.JoinToResult::millis).toArray();
        long[] foundToResult = steady.stream().mapToLong(SwarmStats.JoinToResult::foundToResultMillis).toArray();
        Map<String, LatencyStats> byQueue = new TreeMap<>();
        steady.stream().collect(Collectors.groupingBy(SwarmStats.JoinToResult::queue))
                .forEach((queue, joins) -> byQueue.put(queue, LatencyStats.of(joins.stream().mapToLong(SwarmStats.JoinToResult::millis).toArray())));
        long matches = s.matchesWithResult.size();
        return new SwarmReport(target, bots, s.loggedIn.get(), seconds, s.joins.sum(), s.joinRetries.sum(), matches,
                seconds > 0 ? matches / seconds : 0, sustainedMatchesPerSecond, LatencyStats.of(latencies), LatencyStats.of(afterRampUp),
                LatencyStats.of(foundToResult), byQueue, s.errorsByCode(),
                s.ticketsEndedWithoutResult.sum(), s.unfinished.sum(), s.friendRequestsSent.sum(),
                s.friendRequestsAccepted.sum(), s.replaysFetched.sum(), s.replaysVerified.sum(), s.disconnects.sum(),
                s.resumes.sum(), s.notifications.sum(), s.missed.sum(), s.duplicated.sum(), s.outOfOrder.sum(),
                s.resyncSkipped.sum(), List.copyOf(s.deliveryExamples));
    }

    /** Every notification arrived, once and in order; one skipped by RESYNC_REQUIRED did not arrive. */
    public boolean deliveryIntact() {
        return missedNotifications == 0 && duplicatedNotifications == 0 && outOfOrderNotifications == 0
                && resyncSkippedNotifications == 0;
    }

    private static String latencies(LatencyStats l) {
        return l.count() == 0 ? "no samples"
                : l.p50Millis() + " / " + l.p95Millis() + " / " + l.p99Millis() + " / " + l.maxMillis() + " ms ("
                + l.count() + " samples)";
    }

    void printTable(PrintWriter out) {
        Table t = new Table("measure", "value");
        t.row("target", target);
        t.row("bots (logged in)", bots + " (" + botsLoggedIn + ")");
        t.row("duration", String.format("%.1f s", seconds));
        t.row("queue joins (resent after a lost socket)", joins + " (" + joinRetries + ")");
        t.row("matches with a result", matches);
        t.row("matches per second (whole run / after ramp-up)", String.format("%.2f / %.2f", matchesPerSecond,
                sustainedMatchesPerSecond));
        t.row("join→result p50 / p95 / p99 / max", latencies(joinToResult));
        t.row("  of joins after the ramp-up", latencies(joinToResultAfterRampUp));
        t.row("    of which MatchFound→result", latencies(matchFoundToResultAfterRampUp));
        joinToResultByQueue.forEach((queue, l) -> t.row("    in " + queue, latencies(l)));
        t.row("tickets ended without a result", ticketsEndedWithoutResult);
        t.row("tickets unfinished at the end", unfinishedTickets);
        t.row("friend requests sent / accepted", friendRequestsSent + " / " + friendRequestsAccepted);
        t.row("replays fetched / verified", replaysFetched + " / " + replaysVerified);
        t.row("disconnects / resumes", disconnects + " / " + resumes);
        t.row("notifications received", notifications);
        t.row("missed / duplicated / out of order", missedNotifications + " / " + duplicatedNotifications + " / "
                + outOfOrderNotifications);
        t.row("skipped by RESYNC_REQUIRED", resyncSkippedNotifications);
        t.row("errors", errorsByCode.isEmpty() ? "none" : errorsByCode.toString());
        t.print(out);
        if (!deliveryExamples.isEmpty()) {
            out.println("broken deliveries (first " + deliveryExamples.size() + "):");
            deliveryExamples.forEach(example -> out.println("  " + example));
        }
    }
}
