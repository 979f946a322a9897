package io.ludus.admin.pages;

import io.ludus.admin.session.AdminSessions;
import io.ludus.admin.session.OperatorSession;
import io.ludus.admin.web.Html;
import io.ludus.projections.api.QueryErrorCode;
import io.ludus.projections.api.QueryException;
import io.ludus.projections.api.ReportsController;
import io.ludus.security.OperatorCredentials;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The reports inbox through the projections' reports API: list by status, triage, close, reopen. */
@Controller("/admin/reports")
@Secured(OperatorCredentials.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = AdminSessions.class)
final class ReportsPage {

    @Serdeable
    record StatusForm(@Nullable String csrf, @Nullable String status) {}

    private final AdminSessions sessions;
    private final ReportsController reports;

    ReportsPage(AdminSessions sessions, @Nullable ReportsController reports) {
        this.sessions = sessions;
        this.reports = reports;
    }

    @Get
    MutableHttpResponse<String> inbox(@Nullable @QueryValue String status, @Nullable @QueryValue String after, Authentication operator) {
        String csrf = OperatorSession.csrf(sessions, operator);
        StringBuilder body = new StringBuilder("<p>");
        for (String s : new String[] {"new", "triaged", "closed"}) {
            body.append("<a href=\"/admin/reports?status=").append(s).append("\">").append(s).append("</a> · ");
        }
        body.append("<a href=\"/admin/reports\">all</a></p>");
        if (reports == null) {
            body.append("<p>The projections' read models do not run in this process.</p>");
            return Html.page("reports", "Reports", body.toString(), 0, csrf);
        }
        ReportsController.Inbox inbox;
        try {
            inbox = reports.inbox(status, 50, after);
        } catch (QueryException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        body.append("<table id=\"reports\"><tr><th>submitted</th><th>from</th><th>kind</th><th>text</th><th>match</th><th>status</th><th></th></tr>");
        for (ReportsController.Report r : inbox.reports()) {
            String action = "/admin/reports/" + URLEncoder.encode(r.reportId(), StandardCharsets.UTF_8) + "/status";
            body.append("<tr data-report=\"").append(Html.esc(r.reportId())).append("\"><td>").append(Html.esc(r.submittedAt()))
                    .append("</td><td>").append(Html.esc(r.displayName() == null ? r.playerId() : r.displayName() + " (" + r.playerId() + ")"))
                    .append("</td><td>").append(Html.esc(r.kind())).append("</td><td class=\"text\">").append(Html.esc(r.text()))
                    .append("</td><td>").append(Html.esc(r.matchId())).append("</td><td class=\"status\">").append(Html.esc(r.status()))
                    .append(r.statusUpdatedBy() == null ? "" : " (" + Html.esc(r.statusUpdatedBy()) + ")").append("</td><td>");
            switch (r.status()) {
                case "new" -> body.append(Html.button(action, "triage", csrf, "status", "triaged")).append(Html.button(action, "close", csrf, "status", "closed"));
                case "triaged" -> body.append(Html.button(action, "close", csrf, "status", "closed"));
                default -> body.append(Html.button(action, "reopen", csrf, "status", "new"));
            }
            body.append("</td></tr>");
        }
        body.append("</table>");
        if (inbox.next() != null) {
            body.append("<p><a href=\"/admin/reports?").append(status == null ? "" : "status=" + Html.esc(URLEncoder.encode(status, StandardCharsets.UTF_8)) + "&amp;")
                    .append("after=").append(Html.esc(URLEncoder.encode(inbox.next(), StandardCharsets.UTF_8))).append("\">older</a></p>");
        }
        return Html.page("reports", "Reports", body.toString(), 0, csrf);
    }

    @Post("/{reportId}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> setStatus(@PathVariable String reportId, @Body StatusForm form, Authentication operator) {
        OperatorSession.requireCsrf(sessions, operator, form.csrf());
        if (reports == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no reports inbox in this process");
        }
        try {
            reports.setStatus(reportId, new ReportsController.StatusChange(form.status()), operator);
        } catch (QueryException e) {
            throw new HttpStatusException(e.code() == QueryErrorCode.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return HttpResponse.seeOther(URI.create("/admin/reports"));
    }
}
