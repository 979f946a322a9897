package io.ludus.loadtest.hops;

import io.ludus.events.command.JoinQueue;
import io.ludus.events.match.MatchCompleted;
import io.ludus.events.match.MatchFormed;
import io.ludus.events.match.MatchSide;
import io.ludus.events.matchmaking.TicketOpened;
import io.ludus.events.notification.MatchResultReady;
import io.ludus.events.registry.SchemaRegistryClient;
import io.ludus.events.simulation.SimulationCompleted;
import io.ludus.events.simulation.SimulationRequested;
import io.ludus.events.topic.Topics;
import io.ludus.loadtest.swarm.LatencyStats;
import io.ludus.loadtest.topics.TopicReader;
import io.ludus.tools.cli.Connection;
import io.ludus.tools.cli.DurationConverter;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.InvalidOptionException;
import io.ludus.tools.cli.Json;
import io.ludus.tools.cli.OutputFormat;
import io.ludus.tools.cli.Table;
import io.ludus.tools.cli.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "hops", mixinStandardHelpOptions = true,
        description = {"Where a join's time goes: follows player-commands, matchmaking-tickets, matches, "
                + "simulation-requests, simulation-results and player-notifications from their end (read_committed, one "
                + "consumer each, no group) for --duration, while a load such as `ludus swarm` runs, and prints p50/p95/p99/max "
                + "per hop of each ticket whose whole path was seen: ingress, matchmaker player stage, queue wait, "
                + "matchmaker commit, sim worker, its commit, the results stage, the notifier.",
                "A hop ends at the writer's occurredAt (when it made the event) or when the event became visible to a "
                        + "reader (committed), whichever the topic gives; the queue wait, waiting for an opponent, is "
                        + "kept apart from the pipeline. Run it on the server's machine: it compares its clock with the "
                        + "server's."})
public final class HopsCommand implements Callable<Integer> {

    private static final Duration POLL_WAIT = Duration.ofMillis(100);

    @Spec
    CommandSpec spec;

    @Mixin
    Connection connection;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long to follow the topics, at most 1h (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX", defaultValue = "", description = "Prefix of every catalogue topic name (default: none).")
    String topicPrefix;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** The breakdown of the last run, for a caller in the same JVM. */
    HopBreakdown report;

    @Override
    public Integer call() throws InterruptedException {
        if (duration.isZero() || duration.isNegative() || duration.compareTo(Duration.ofHours(1)) > 0) {
            throw new InvalidOptionException("--duration", "must be above 0 and at most 1h, was " + duration);
        }
        HopLog log = new HopLog();
        try (SchemaRegistryClient registry = new SchemaRegistryClient(connection.registry(), connection.timeout())) {
            follow(new TopicReader(connection.bootstrap(), registry, topicPrefix, connection.timeout()), log);
        }
        report = HopBreakdown.of(log);
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Json.print(out, report);
        } else {
            print(out, report);
        }
        return ExitCode.OK.code();
    }

    private void follow(TopicReader reader, HopLog log) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        List<Runnable> followers = List.of(
                () -> reader.follow(Topics.PLAYER_COMMANDS, () -> System.nanoTime() < end, POLL_WAIT, (key, e, ts, seen) -> {
                    if (e.getPayload() instanceof JoinQueue j) {
                        log.joins.put(j.getCommandId(), new HopLog.Join(j.getPlayerId(), e.getOccurredAt().toEpochMilli(), seen));
                    }
                }),
                () -> reader.follow(Topics.MATCHMAKING_TICKETS, () -> System.nanoTime() < end, POLL_WAIT, (key, e, ts, seen) -> {
                    if (e.getPayload() instanceof TicketOpened t) {
                        log.opened.put(t.getTicketId(), new HopLog.Opened(t.getCommandId(), e.getOccurredAt().toEpochMilli(), seen));
                    }
                }),
                () -> reader.follow(Topics.MATCHES, () -> System.nanoTime() < end, POLL_WAIT, (key, e, ts, seen) -> {
                    switch (e.getPayload()) {
                        case MatchFormed f -> {
                            for (MatchSide side : List.of(f.getTeamA(), f.getTeamB())) {
                                if (!side.getBot()) {
                                    log.formed.put(side.getTicketId(), new HopLog.Formed(f.getMatchId(), e.getOccurredAt().toEpochMilli()));
                                }
                            }
                        }
                        case MatchCompleted c -> log.completed.put(c.getMatchId(), seen);
                        default -> { }
                    }
                }),
                () -> reader.follow(Topics.SIMULATION_REQUESTS, () -> System.nanoTime() < end, POLL_WAIT, (key, e, ts, seen) -> {
                    if (e.getPayload() instanceof SimulationRequested r) {
                        log.requested.put(r.getMatchId(), seen);
                    }
                }),
                () -> reader.follow(Topics.SIMULATION_RESULTS, () -> System.nanoTime() < end, POLL_WAIT, (key, e, ts, seen) -> {
                    if (e.getPayload() instanceof SimulationCompleted c) {
                        log.simulated.put(c.getMatchId(), new HopLog.Simulated(e.getOccurredAt().toEpochMilli(), seen));
                    }
                }),
                () -> reader.follow(Topics.PLAYER_NOTIFICATIONS, () -> System.nanoTime() < end, POLL_WAIT, (playerId, n, ts, seen) -> {
                    if (n.getPayload() instanceof MatchResultReady r) {
                        log.resultReady.put(HopLog.resultKey(playerId, r.getMatchId()), seen);
                    }
                }));
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(followers.size());
        List<Thread> threads = new ArrayList<>();
        for (Runnable follower : followers) {
            threads.add(Thread.ofPlatform().name("ludus-hops-follower").daemon().start(() -> {
                try {
                    follower.run();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }));
        }
        spec.commandLine().getErr().printf(Locale.ROOT, "hops: following %d topics for %s%n", followers.size(), duration);
        spec.commandLine().getErr().flush();
        done.await();
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get() instanceof ToolException t ? t
                    : new ToolException(ExitCode.UNAVAILABLE, "following the topics failed: " + failure.get(), failure.get());
        }
    }

    private static void print(PrintWriter out, HopBreakdown b) {
        out.printf(Locale.ROOT, "joins seen %d, their tickets opened %d, whole path seen %d%n", b.joinsSeen(), b.ticketsOpened(), b.complete());
        Table t = new Table("hop", "p50 ms", "p95 ms", "p99 ms", "max ms", "between");
        for (HopBreakdown.Hop hop : b.hops()) {
            LatencyStats s = hop.stats();
            t.row(hop.name(), s.p50Millis(), s.p95Millis(), s.p99Millis(), s.maxMillis(), hop.between());
        }
        t.print(out);
        out.printf(Locale.ROOT, "largest hop of the paths whose pipeline took >= its p99 (%d ms): %s%n", b.tailThresholdMillis(),
                b.slowestHopOfTail().isEmpty() ? "none" : b.slowestHopOfTail());
        out.flush();
    }
}
