package io.ludus.admin.pages;

import io.ludus.admin.sampling.AdminSampler;
import io.ludus.admin.sampling.Samples;
import io.ludus.admin.session.AdminSessions;
import io.ludus.admin.session.OperatorSession;
import io.ludus.admin.web.Html;
import io.ludus.admin.web.Chart;
import io.ludus.matchmaker.service.QueueStatus;
import io.ludus.security.OperatorCredentials;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.Locale;

/**
 * Queues: depth, p50/p95 wait and matches formed per minute, now (the matchmaker's query API) and over the last hour
 * (sampled). Reloads every 5 s.
 */
@Controller("/admin/queues")
@Secured(OperatorCredentials.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = AdminSessions.class)
final class QueuesPage {

    private final AdminSessions sessions;
    private final AdminSampler sampler;

    QueuesPage(AdminSessions sessions, AdminSampler sampler) {
        this.sessions = sessions;
        this.sampler = sampler;
    }

    @Get
    MutableHttpResponse<String> show(Authentication operator) {
        StringBuilder body = new StringBuilder();
        if (!sampler.hasMatchmaker()) {
            body.append("<p>The matchmaker does not run in this process.</p>");
        }
        long now = System.currentTimeMillis();
        body.append("<table id=\"queues\"><tr><th>queue</th><th>team size</th><th>ranked</th><th class=\"num\">depth</th>"
                + "<th class=\"num\">wait p50</th><th class=\"num\">wait p95</th><th class=\"num\">matches formed</th>"
                + "<th>depth, last hour</th><th>wait (s), last hour</th><th>matches per minute, last hour</th></tr>");
        long window = Samples.WINDOW.toMillis();
        Samples s = sampler.samples();
        for (QueueStatus q : sampler.currentQueues()) {
            String id = q.queueId();
            body.append("<tr data-queue=\"").append(Html.esc(id)).append("\"><td>").append(Html.esc(id))
                    .append("</td><td>").append(q.teamSize()).append("</td><td>").append(q.ranked() ? "yes" : "no")
                    .append("</td><td class=\"num depth\">").append(q.depth())
                    .append("</td><td class=\"num\">").append(seconds(q.waitP50Millis()))
                    .append("</td><td class=\"num\">").append(seconds(q.waitP95Millis()))
                    .append("</td><td class=\"num matches\">").append(q.matchesFormed())
                    .append("</td><td>").append(Chart.render("depth of " + id, "tickets", s.get("queue.depth." + id).points(), now, window))
                    .append("</td><td>").append(Chart.render("wait of " + id, "s", now, window,
                            new Chart.Line("p50", s.get("queue.wait50." + id).points()),
                            new Chart.Line("p95", s.get("queue.wait95." + id).points())))
                    .append("</td><td>").append(Chart.render("matches per minute in " + id, "/min", s.get("queue.matches." + id).points(), now, window))
                    .append("</td></tr>");
        }
        body.append("</table>");
        return Html.page("queues", "Queues", body.toString(), 5, OperatorSession.csrf(sessions, operator));
    }

    private static String seconds(long millis) {
        return millis < 0 ? "-" : Html.esc(String.format(Locale.ROOT, "%.1f s", millis / 1000.0));
    }
}
