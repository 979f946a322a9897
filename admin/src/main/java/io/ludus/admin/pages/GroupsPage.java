package io.ludus.admin.pages;

import io.ludus.admin.sampling.AdminSampler;
import io.ludus.admin.sampling.Samples;
import io.ludus.admin.session.AdminSessions;
import io.ludus.admin.session.OperatorSession;
import io.ludus.admin.web.Html;
import io.ludus.admin.web.Chart;
import io.ludus.tools.cli.ToolException;
import io.ludus.tools.ops.GroupView;
import io.ludus.tools.ops.PartitionLag;
import io.ludus.security.OperatorCredentials;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.List;

/** Consumer and Streams groups as `ludus ops groups` shows them, with each group's lag over the last hour. */
@Controller("/admin/groups")
@Secured(OperatorCredentials.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = AdminSessions.class)
final class GroupsPage {

    private final AdminSessions sessions;
    private final AdminSampler sampler;
    private final GroupsSource groups;

    GroupsPage(AdminSessions sessions, AdminSampler sampler, GroupsSource groups) {
        this.sessions = sessions;
        this.sampler = sampler;
        this.groups = groups;
    }

    @Get
    MutableHttpResponse<String> show(Authentication operator) {
        StringBuilder body = new StringBuilder();
        List<GroupView> views;
        try {
            views = groups.current();
        } catch (ToolException e) {
            views = List.of();
            body.append("<p class=\"bad\">").append(Html.esc(e.getMessage())).append("</p>");
        }
        long now = System.currentTimeMillis();
        body.append("<table id=\"groups\"><tr><th>group</th><th>protocol</th><th>state</th><th>epoch</th><th>target epoch</th>"
                + "<th class=\"num\">members</th><th class=\"num\">lag</th><th class=\"num\">time lag</th><th>status</th><th>lag, last hour</th></tr>");
        for (GroupView v : views) {
            body.append("<tr><td>").append(Html.esc(v.group())).append("</td><td>").append(Html.esc(v.protocol()))
                    .append("</td><td>").append(Html.esc(v.state() + (v.reconciling() ? " (reconciling)" : "")))
                    .append("</td><td>").append(Html.esc(dash(v.groupEpoch()))).append("</td><td>").append(Html.esc(dash(v.targetAssignmentEpoch())))
                    .append("</td><td class=\"num\">").append(v.memberCount()).append("</td><td class=\"num\">").append(v.lag())
                    .append("</td><td class=\"num\">").append(v.lagMillis() == null ? "-" : Html.esc(v.lagMillis() / 1000 + " s"))
                    .append("</td><td class=\"").append(v.status().name().equals("OK") ? "ok" : "bad").append("\">").append(Html.esc(v.status()))
                    .append("</td><td>").append(Chart.render("lag of " + v.group(), "records", sampler.samples().get("group.lag." + v.group()).points(),
                            now, Samples.WINDOW.toMillis())).append("</td></tr>");
        }
        body.append("</table><h2>Partitions with lag</h2><table><tr><th>group</th><th>topic</th><th class=\"num\">partition</th>"
                + "<th class=\"num\">committed</th><th class=\"num\">end</th><th class=\"num\">lag</th><th>status</th></tr>");
        for (GroupView v : views) {
            for (PartitionLag p : v.partitions()) {
                if (p.lag() > 0) {
                    body.append("<tr><td>").append(Html.esc(v.group())).append("</td><td>").append(Html.esc(p.topic()))
                            .append("</td><td class=\"num\">").append(p.partition()).append("</td><td class=\"num\">").append(p.committed())
                            .append("</td><td class=\"num\">").append(p.end()).append("</td><td class=\"num\">").append(p.lag())
                            .append("</td><td>").append(Html.esc(p.status())).append("</td></tr>");
                }
            }
        }
        body.append("</table>");
        return Html.page("groups", "Consumer groups", body.toString(), 0, OperatorSession.csrf(sessions, operator));
    }

    private static String dash(Integer value) {
        return value == null ? "-" : value.toString();
    }
}
