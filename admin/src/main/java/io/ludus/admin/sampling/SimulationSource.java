package io.ludus.admin.sampling;

import io.ludus.admin.AdminSettings;
import io.ludus.security.OperatorCredentials;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the simulations page reads the sim workers' {@code ludus.sim.*} meters: this process's registry (standalone), or
 * each worker's {@code /prometheus} with the operator credential ({@code ludus.admin.sim-worker-urls}, the admin service
 * alone). Counters are summed over the workers; the p99 latency is the largest worker's.
 */
public sealed interface SimulationSource {

    /** Counters since each worker started, and the latency p99 in milliseconds (null before any). */
    record Totals(double completed, Map<String, Double> failedByReason, @Nullable Double latencyP99Millis) {
        public double failed() {
            return failedByReason.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** The workers' totals now, or empty when there is no worker to read (or one did not answer). */
    Optional<Totals> current();

    /** Whether there are workers to read: configured ones, or workers running in this process. */
    boolean present();

    static SimulationSource of(@Nullable MeterRegistry meters, AdminSettings settings, @Nullable OperatorCredentials operator) {
        if (!settings.simWorkerUrls().isEmpty() && operator != null) {
            return new Remote(settings.simWorkerUrls(), operator);
        }
        return meters != null ? new Local(meters) : new None();
    }

    record None() implements SimulationSource {
        @Override
        public Optional<Totals> current() {
            return Optional.empty();
        }

        @Override
        public boolean present() {
            return false;
        }
    }

    record Local(MeterRegistry meters) implements SimulationSource {
        @Override
        public boolean present() {
            return meters.find("ludus.sim.simulations").counter() != null;
        }

        @Override
        public Optional<Totals> current() {
            if (!present()) {
                return Optional.empty();
            }
            double completed = 0;
            Map<String, Double> failed = new TreeMap<>();
            for (Counter c : meters.find("ludus.sim.simulations").counters()) {
                if ("completed".equals(c.getId().getTag("outcome"))) {
                    completed += c.count();
                } else {
                    failed.merge(c.getId().getTag("reason"), c.count(), Double::sum);
                }
            }
            Double p99 = null;
            Timer latency = meters.find("ludus.sim.latency").timer();
            if (latency != null) {
                for (ValueAtPercentile v : latency.takeSnapshot().percentileValues()) {
                    if (v.percentile() == 0.99) {
                        p99 = v.value(TimeUnit.MILLISECONDS);
                    }
                }
            }
            return Optional.of(new Totals(completed, failed, p99));
        }
    }

    final class Remote implements SimulationSource {

        private static final Logger LOG = LoggerFactory.getLogger(Remote.class);
        private static final Duration TIMEOUT = Duration.ofSeconds(5);
        private static final Pattern SAMPLE = Pattern.compile("^(ludus_sim_simulations_total|ludus_sim_latency_seconds)\\{([^}]*)}\\s+(\\S+)");
        private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

        private final List<URI> workers;
        private final String authorization;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

        @Override
        public boolean present() {
            return true;
        }

        Remote(List<URI> workers, OperatorCredentials operator) {
            this.workers = workers.stream().map(w -> w.resolve("/prometheus")).toList();
            this.authorization = operator.basicAuthorization();
        }

        @Override
        public Optional<Totals> current() {
            double completed = 0;
            Map<String, Double> failed = new TreeMap<>();
            Double p99 = null;
            for (URI worker : workers) {
                Optional<String> text = scrape(worker);
                if (text.isEmpty()) {
                    return Optional.empty();
                }
                for (String line : text.get().split("\n")) {
                    Matcher m = SAMPLE.matcher(line);
                    if (!m.find()) {
                        continue;
                    }
                    Map<String, String> labels = labels(m.group(2));
                    double value = Double.parseDouble(m.group(3));
                    if (m.group(1).equals("ludus_sim_simulations_total")) {
                        if ("completed".equals(labels.get("outcome"))) {
                            completed += value;
                        } else {
                            failed.merge(labels.getOrDefault("reason", "unknown"), value, Double::sum);
                        }
                    } else if ("0.99".equals(labels.get("quantile")) && Double.isFinite(value)) {
                        p99 = Math.max(p99 == null ? 0 : p99, value * 1000);
                    }
                }
            }
            return Optional.of(new Totals(completed, failed, p99));
        }

        private static Map<String, String> labels(String text) {
            Map<String, String> labels = new TreeMap<>();
            Matcher m = LABEL.matcher(text);
            while (m.find()) {
                labels.put(m.group(1), m.group(2));
            }
            return labels;
        }

        private Optional<String> scrape(URI worker) {
            HttpRequest request = HttpRequest.newBuilder(worker).timeout(TIMEOUT).header("Authorization", authorization).GET().build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    LOG.warn("sim worker at {} answered {} for its metrics", worker.getAuthority(), response.statusCode());
                    return Optional.empty();
                }
                return Optional.of(response.body());
            } catch (IOException e) {
                LOG.warn("sim worker at {} unreachable for its metrics: {}", worker.getAuthority(), e.toString());
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
