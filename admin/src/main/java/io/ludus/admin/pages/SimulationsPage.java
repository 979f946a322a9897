package io.ludus.admin.pages;

import io.ludus.admin.sampling.AdminSampler;
import io.ludus.admin.sampling.Samples;
import io.ludus.admin.session.AdminSessions;
import io.ludus.admin.session.OperatorSession;
import io.ludus.admin.web.Html;
import io.ludus.admin.web.Chart;
import io.ludus.events.simulation.SimulationFailureReason;
import io.ludus.security.OperatorCredentials;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.Locale;

/** Simulations: throughput, failures by reason and p99 latency from the sim workers' meters (ludus.sim.*) in this process. */
@Controller("/admin/simulations")
@Secured(OperatorCredentials.ROLE)
@Requires(beans = AdminSessions.class)
final class SimulationsPage {

    private final AdminSessions sessions;
    private final AdminSampler sampler;

    SimulationsPage(AdminSessions sessions, AdminSampler sampler) {
        this.sessions = sessions;
        this.sampler = sampler;
    }

    @Get
    MutableHttpResponse<String> show(Authentication operator) {
        Samples s = sampler.samples();
        long now = System.currentTimeMillis();
        long window = Samples.WINDOW.toMillis();
        StringBuilder body = new StringBuilder();
        if (!sampler.hasSimWorkers()) {
            body.append("<p id=\"no-workers\">No sim worker runs in this process and none is configured: set "
                    + "<code>ludus.admin.sim-worker-urls</code> to the workers' base URLs, or see the simulation panels of the Grafana "
                    + "dashboard in deploy/.</p>");
        }
        body.append("<table><tr><th>measure</th><th class=\"num\">now</th><th>last hour</th></tr>");
        row(body, "completed per minute", "/min", s, "sim.completed.per-minute", now, window);
        row(body, "failed per minute", "/min", s, "sim.failed.per-minute", now, window);
        row(body, "latency p99 (ms)", "ms", s, "sim.latency.p99", now, window);
        body.append("</table><h2>Failures by reason (total since start)</h2><table><tr><th>reason</th><th class=\"num\">total</th></tr>");
        for (SimulationFailureReason reason : SimulationFailureReason.values()) {
            Double total = s.get("sim.failed." + reason.name()).last();
            body.append("<tr><td>").append(Html.esc(reason.name())).append("</td><td class=\"num\">")
                    .append(total == null ? "-" : String.format(Locale.ROOT, "%.0f", total)).append("</td></tr>");
        }
        body.append("</table>");
        return Html.page("simulations", "Simulations", body.toString(), 10, OperatorSession.csrf(sessions, operator));
    }

    private static void row(StringBuilder body, String label, String unit, Samples s, String name, long now, long window) {
        Double last = s.get(name).last();
        body.append("<tr><td>").append(Html.esc(label)).append("</td><td class=\"num\">")
                .append(last == null ? "-" : String.format(Locale.ROOT, "%.1f", last)).append("</td><td>")
                .append(Chart.render(label, unit, s.get(name).points(), now, window)).append("</td></tr>");
    }
}
