package io.ludus.admin.session;

import io.ludus.admin.web.Html;
import io.ludus.ingress.auth.ClientAddress;
import io.ludus.ingress.auth.LoginRateLimiter;
import io.ludus.ingress.http.ApiException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/** The operator signs in with the management credential; the session lives in a cookie (see {@link AdminSessions}). */
@Controller(AdminPaths.ROOT)
@Requires(beans = AdminSessions.class)
final class LoginController {

    private static final Logger LOG = LoggerFactory.getLogger(LoginController.class);

    @Serdeable
    record LoginForm(@Nullable String username, @Nullable String password) {}

    @Serdeable
    record LogoutForm(@Nullable String csrf) {}

    private final AdminSessions sessions;
    private final LoginRateLimiter limiter;
    private final ClientAddress clientAddress;

    LoginController(AdminSessions sessions, LoginRateLimiter limiter, ClientAddress clientAddress) {
        this.sessions = sessions;
        this.limiter = limiter;
        this.clientAddress = clientAddress;
    }

    @Get("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    MutableHttpResponse<String> form() {
        return Html.html(loginPage(null));
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> login(@Body LoginForm form, HttpRequest<?> request) {
        try {
            // per address, as players' logins are: the operator password is one guess away from every account
            limiter.acquireOperatorLogin(clientAddress.of(request));
        } catch (ApiException e) {
            long seconds = e.retryAfter().map(wait -> Math.max(1, (wait.toMillis() + 999) / 1000)).orElse(60L);
            LOG.warn("admin login refused for name '{}': too many attempts from {}", form.username(), clientAddress.of(request).getHostAddress());
            return Html.html(loginPage("Too many sign-in attempts from this address; try again in " + seconds + " s."))
                    .status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        var token = sessions.login(form.username(), form.password());
        if (token.isEmpty()) {
            LOG.warn("admin login refused for name '{}'", form.username());
            return Html.html(loginPage("Wrong name or password.")).status(HttpStatus.UNAUTHORIZED);
        }
        Cookie cookie = Cookie.of(AdminSessions.COOKIE, token.get()).path(AdminPaths.ROOT).httpOnly(true)
                .sameSite(SameSite.Strict).maxAge(sessions.ttl());
        return HttpResponse.seeOther(URI.create(AdminPaths.ROOT + "/queues")).cookie(cookie);
    }

    @Get
    @Secured(io.ludus.security.OperatorCredentials.ROLE)
    MutableHttpResponse<?> home() {
        return HttpResponse.seeOther(URI.create(AdminPaths.ROOT + "/queues"));
    }

    @Post("/logout")
    @Secured(io.ludus.security.OperatorCredentials.ROLE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> logout(@Body LogoutForm form, Authentication operator) {
        OperatorSession.requireCsrf(sessions, operator, form.csrf());
        return HttpResponse.seeOther(URI.create(AdminPaths.LOGIN))
                .cookie(Cookie.of(AdminSessions.COOKIE, "").path(AdminPaths.ROOT).httpOnly(true).sameSite(SameSite.Strict).maxAge(0));
    }

    private static String loginPage(String error) {
        return """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ludus admin · sign in</title>
                <style>body{font:14px system-ui,sans-serif;display:grid;place-items:center;height:90vh}
                form{display:grid;gap:.5em;min-width:18em} .bad{color:#b00020}</style></head>
                <body><form method="post" action="/admin/login"><h1>Ludus admin</h1>%s
                <label>Name <input id="username" name="username" autocomplete="username" value="operator"></label>
                <label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
                <button id="sign-in">Sign in</button>
                <small>The operator credential: <code>ludus.management.username</code> / <code>ludus.management.password</code>
                (standalone: <code>&lt;data-dir&gt;/secrets/operator-password</code>).</small></form></body></html>
                """.formatted(error == null ? "" : "<p class=\"bad\">" + Html.esc(error) + "</p>");
    }
}
