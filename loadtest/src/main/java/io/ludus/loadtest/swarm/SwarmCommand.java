package io.ludus.loadtest.swarm;

import io.ludus.tools.cli.DurationConverter;
import io.ludus.tools.cli.ExitCode;
import io.ludus.tools.cli.InvalidOptionException;
import io.ludus.tools.cli.Json;
import io.ludus.tools.cli.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "swarm", mixinStandardHelpOptions = true,
        description = {"N bots over the public protocol (HTTP login + WebSocket): queue with random valid teams, answer "
                + "friend requests, fetch and verify replays, disconnect and resume. Prints progress while it runs, then "
                + "matches/s, join-to-result percentiles, errors by code and missed/duplicated notifications.",
                "Targets loopback or hosts named with --allow-host only. Exit code 0, or 9 when a notification was "
                        + "missed, duplicated or out of order."})
public final class SwarmCommand implements Callable<Integer> {

    static final String ALLOW_ENV = "LUDUS_SWARM_ALLOW";
    static final int DELIVERY_BROKEN = 9;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", split = ",", defaultValue = "http://127.0.0.1:8080",
            description = "Ingress HTTP URLs, comma-separated or repeated (standalone, or the ingress nodes of a distributed "
                    + "deployment: bots spread over them and move to the next when one cannot be reached; default: ${DEFAULT-VALUE}).")
    List<URI> urls;

    @Option(names = "--bots", paramLabel = "N", defaultValue = "100", description = "Bots, 1 to " + SwarmSettings.MAX_BOTS
            + " (default: ${DEFAULT-VALUE}).")
    int bots;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long bots keep joining queues, at most 30m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--ramp-up", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Bots start spread over this time (default: ${DEFAULT-VALUE}).")
    Duration rampUp;

    @Option(names = "--result-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Longest wait for a round's results, and for the last round's after --duration (default: ${DEFAULT-VALUE}).")
    Duration resultTimeout;

    @Option(names = "--pause", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "Mean pause of a bot between rounds, uniform from 0 to twice it; 0 plays back to back (default: ${DEFAULT-VALUE}).")
    Duration pause;

    @Option(names = "--multi-queue-share", defaultValue = "0.2", description = "Share of rounds that join two queues at once (default: ${DEFAULT-VALUE}).")
    double multiQueue;

    @Option(names = "--disconnect-share", defaultValue = "0.1", description = "Share of rounds that disconnect after the join and resume with the last seq (default: ${DEFAULT-VALUE}).")
    double disconnect;

    @Option(names = "--friend-share", defaultValue = "0.05", description = "Share of rounds that send a friend request to another bot (default: ${DEFAULT-VALUE}).")
    double friend;

    @Option(names = "--replay-share", defaultValue = "0.05", description = "Share of results whose replay is fetched; the first one is verified (default: ${DEFAULT-VALUE}).")
    double replay;

    @Option(names = "--queues", split = ",", paramLabel = "ID:SIZE", defaultValue = "ranked-1v1:1,ranked-3v3:3,casual-3v3:3",
            description = "Queues with their team sizes (default: ${DEFAULT-VALUE}).")
    List<String> queues;

    @Option(names = "--login", paramLabel = "MODE", description = "offline or password (default: offline on a loopback target, "
            + "else password: fresh accounts are registered).")
    String login;

    @Option(names = "--allow-host", paramLabel = "HOST", description = "A non-loopback host of this project that may be "
            + "loaded (repeatable; also " + ALLOW_ENV + ", comma-separated).")
    List<String> allowHosts = List.of();

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bots' choices (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    /** The report of the last run, for a caller in the same JVM. */
    SwarmReport report;

    @Override
    public Integer call() throws InterruptedException {
        TargetPolicy policy = new TargetPolicy(allowed());
        List<TargetPolicy.Target> targets = urls.stream().map(policy::check).toList();
        boolean loopback = targets.stream().allMatch(TargetPolicy.Target::loopback);
        SwarmSettings settings = settings();
        boolean offline = switch (login == null ? (loopback ? "offline" : "password") : login.toLowerCase(Locale.ROOT)) {
            case "offline" -> {
                if (!loopback) {
                    throw new InvalidOptionException("--login", "offline login works only against a loopback target");
                }
                yield true;
            }
            case "password" -> false;
            default -> throw new InvalidOptionException("--login", "must be offline or password, was " + login);
        };
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "swarm: %d bots against %s for %s (ramp-up %s)%n", bots, urls, duration, rampUp);
        report = new Swarm(targets, settings, offline).run(err);
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.json) {
            Json.print(out, report);
        } else {
            report.printTable(out);
        }
        return report.deliveryIntact() ? ExitCode.OK.code() : DELIVERY_BROKEN;
    }

    private Set<String> allowed() {
        Set<String> hosts = new HashSet<>();
        allowHosts.forEach(h -> hosts.add(h.trim().toLowerCase(Locale.ROOT)));
        String env = System.getenv(ALLOW_ENV);
        if (env != null) {
            for (String h : env.split(",")) {
                if (!h.isBlank()) hosts.add(h.trim().toLowerCase(Locale.ROOT));
            }
        }
        return hosts;
    }

    private SwarmSettings settings() {
        if (bots < 1 || bots > SwarmSettings.MAX_BOTS) {
            throw new InvalidOptionException("--bots", "must be 1 to " + SwarmSettings.MAX_BOTS + ", was " + bots);
        }
        if (duration.isZero() || duration.compareTo(SwarmSettings.MAX_DURATION) > 0) {
            throw new InvalidOptionException("--duration", "must be above 0 and at most 30m, was " + duration);
        }
        if (rampUp.compareTo(duration) > 0) {
            throw new InvalidOptionException("--ramp-up", "must not exceed --duration");
        }
        if (resultTimeout.isZero() || resultTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidOptionException("--result-timeout", "must be above 0 and at most 10m");
        }
        if (pause.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new InvalidOptionException("--pause", "must be at most 5m");
        }
        share("--multi-queue-share", multiQueue);
        share("--disconnect-share", disconnect);
        share("--friend-share", friend);
        share("--replay-share", replay);
        List<SwarmSettings.Queue> parsed = queues.stream().map(SwarmCommand::queue).toList();
        return new SwarmSettings(bots, duration, rampUp, resultTimeout, pause, parsed, multiQueue, disconnect, friend, replay, seed);
    }

    private static SwarmSettings.Queue queue(String spec) {
        String[] parts = spec.trim().split(":");
        try {
            if (parts.length == 2 && !parts[0].isBlank()) {
                int size = Integer.parseInt(parts[1]);
                if (size >= 1 && size <= 16) {
                    return new SwarmSettings.Queue(parts[0], size);
                }
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new InvalidOptionException("--queues", "'" + spec + "' is not ID:SIZE with a team size of 1 to 16");
    }

    private static void share(String flag, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidOptionException(flag, "must be between 0 and 1, was " + value);
        }
    }
}
