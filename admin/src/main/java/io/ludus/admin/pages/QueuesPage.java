package io.ludus.admin.pages;

import io.ludus.admin.sampling.AdminSampler;
import io.ludus.admin.sampling.Samples;
import io.ludus.admin.session.AdminSessions;
import io.ludus.admin.session.OperatorSession;
import io.ludus.admin.web.Html;
import io.ludus.admin.web.Sparkline;
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

/** Queues: depth and p50 wait now (the matchmaker's query API) and over the last hour (sampled). Reloads every 5 s. */
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
                + "<th class=\"num\">wait p50</th><th>depth, last hour</th><th>wait p50 (s), last hour</th></tr>");
        for (QueueStatus q : sampler.currentQueues()) {
            Samples s = sampler.samples();
            body.append("<tr data-queue=\"").append(Html.esc(q.queueId())).append("\"><td>").append(Html.esc(q.queueId()))
                    .append("</td><td>").append(q.teamSize()).append("</td><td>").append(q.ranked() ? "yes" : "no")
                    .append("</td><td class=\"num depth\">").append(q.depth())
                    .append("</td><td class=\"num\">").append(q.waitP50Millis() < 0 ? "-" : Html.esc(q.waitP50Millis() / 1000 + " s"))
                    .append("</td><td>").append(Sparkline.svg("depth of " + q.queueId(), s.get("queue.depth." + q.queueId()).points(), now, Samples.WINDOW.toMillis()))
                    .append("</td><td>").append(Sparkline.svg("p50 wait of " + q.queueId(), s.get("queue.wait50." + q.queueId()).points(), now, Samples.WINDOW.toMillis()))
                    .append("</td></tr>");
        }
        body.append("</table>");
        return Html.page("queues", "Queues", body.toString(), 5, OperatorSession.csrf(sessions, operator));
    }
}
