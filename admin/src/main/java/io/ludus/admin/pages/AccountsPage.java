package io.ludus.admin.pages;

import io.ludus.admin.session.AdminSessions;
import io.ludus.admin.session.OperatorSession;
import io.ludus.admin.web.Html;
import io.ludus.ingress.account.AccountRepository;
import io.ludus.ingress.account.AccountStoreException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Accounts: find by name or id, ban (with a reason, for some hours or for good) and unban. The change and its
 * AccountBanned / AccountUnbanned event commit together in ingress's account store; the matchmaker, the social
 * processor and every ingress node's socket watch act on the event.
 */
@Controller("/admin/accounts")
@Secured(OperatorCredentials.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = {AdminSessions.class, AccountRepository.class})
final class AccountsPage {

    static final int MAX_QUERY = 100;
    static final int MAX_REASON = 500;
    static final long MAX_BAN_HOURS = 24L * 365 * 10;

    @Serdeable
    record BanForm(@Nullable String csrf, @Nullable String reason, @Nullable String hours, @Nullable String q) {}

    @Serdeable
    record UnbanForm(@Nullable String csrf, @Nullable String q) {}

    private final AdminSessions sessions;
    private final AccountRepository accounts;

    AccountsPage(AdminSessions sessions, AccountRepository accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @Get
    MutableHttpResponse<String> find(@Nullable @QueryValue String q, Authentication operator) {
        String csrf = OperatorSession.csrf(sessions, operator);
        String query = q == null ? "" : q.strip();
        if (query.length() > MAX_QUERY) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "search at most " + MAX_QUERY + " characters");
        }
        StringBuilder body = new StringBuilder("<form method=\"get\" action=\"/admin/accounts\"><input id=\"q\" name=\"q\" value=\"")
                .append(Html.esc(query)).append("\" placeholder=\"name or account id\"> <button id=\"find\">find</button></form>");
        if (!query.isEmpty()) {
            List<AccountRepository.AccountStanding> found = accounts.search(query, 50);
            body.append("<table id=\"accounts\"><tr><th>name</th><th>account id</th><th>login</th><th>created</th><th>standing</th><th></th></tr>");
            for (AccountRepository.AccountStanding a : found) {
                String base = "/admin/accounts/" + a.account().id();
                body.append("<tr data-account=\"").append(a.account().id()).append("\"><td class=\"name\">").append(Html.esc(a.account().name()))
                        .append("</td><td>").append(a.account().id()).append("</td><td>").append(Html.esc(a.account().provider().id()))
                        .append("</td><td>").append(Html.esc(a.account().createdAt())).append("</td><td class=\"standing\">");
                if (a.banned()) {
                    body.append("<span class=\"bad\">banned ").append(a.ban().until() == null ? "for good" : "until " + Html.esc(a.ban().until()))
                            .append("</span>: ").append(Html.esc(a.ban().reason())).append(" (").append(Html.esc(a.ban().bannedBy())).append(")")
                            .append("</td><td>").append(Html.button(base + "/unban", "unban", csrf, "q", query));
                } else {
                    body.append("<span class=\"ok\">in good standing</span></td><td>")
                            .append("<form class=\"inline\" method=\"post\" action=\"").append(base).append("/ban\">")
                            .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(Html.esc(csrf)).append("\">")
                            .append("<input type=\"hidden\" name=\"q\" value=\"").append(Html.esc(query)).append("\">")
                            .append("<input name=\"reason\" placeholder=\"reason\" required maxlength=\"").append(MAX_REASON).append("\"> ")
                            .append("<input name=\"hours\" placeholder=\"hours (empty: for good)\" size=\"18\"> <button>ban</button></form>");
                }
                body.append("</td></tr>");
            }
            body.append("</table>");
            if (found.isEmpty()) {
                body.append("<p>No account matches.</p>");
            }
        }
        return Html.page("accounts", "Accounts", body.toString(), 0, csrf);
    }

    @Post("/{accountId}/ban")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> ban(@PathVariable String accountId, @Body BanForm form, Authentication operator) {
        OperatorSession.requireCsrf(sessions, operator, form.csrf());
        String reason = form.reason() == null ? "" : form.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "a ban needs a reason of 1 to " + MAX_REASON + " characters");
        }
        Instant until = null;
        if (form.hours() != null && !form.hours().isBlank()) {
            long hours;
            try {
                hours = Long.parseLong(form.hours().strip());
            } catch (NumberFormatException e) {
                hours = -1;
            }
            if (hours < 1 || hours > MAX_BAN_HOURS) {
                throw new HttpStatusException(HttpStatus.BAD_REQUEST, "hours must be a whole number from 1 to " + MAX_BAN_HOURS + ", or empty for a permanent ban");
            }
            until = Instant.now().plus(Duration.ofHours(hours));
        }
        try {
            accounts.ban(id(accountId), reason, until, operator.getName())
                    .orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no such account"));
        } catch (AccountStoreException e) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the account store is unavailable; nothing changed");
        }
        return back(form.q());
    }

    @Post("/{accountId}/unban")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> unban(@PathVariable String accountId, @Body UnbanForm form, Authentication operator) {
        OperatorSession.requireCsrf(sessions, operator, form.csrf());
        try {
            accounts.unban(id(accountId)).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no such account"));
        } catch (AccountStoreException e) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the account store is unavailable; nothing changed");
        }
        return back(form.q());
    }

    private static UUID id(String accountId) {
        try {
            return UUID.fromString(accountId);
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no such account");
        }
    }

    private static MutableHttpResponse<?> back(String q) {
        String query = q == null || q.length() > MAX_QUERY ? "" : q;
        return HttpResponse.seeOther(URI.create("/admin/accounts?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
    }
}
