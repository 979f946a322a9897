package io.ludus.admin.session;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.filter.ServerFilterPhase;

import java.net.URI;

/**
 * A browser without a valid session is sent to the login form instead of a bare 401. Runs before the security filter;
 * anything else (an API client, a player's token) goes on to it and gets 401 or 403 as usual.
 */
@ServerFilter(AdminPaths.ROOT + "/**")
@Requires(beans = AdminSessions.class)
final class LoginRedirectFilter implements Ordered {

    private final AdminSessions sessions;

    LoginRedirectFilter(AdminSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> redirect(HttpRequest<?> request) {
        boolean browser = request.getHeaders().accept().stream().anyMatch(t -> t.matches(MediaType.TEXT_HTML_TYPE));
        if (!browser || request.getPath().equals(AdminPaths.LOGIN) || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return null;
        }
        boolean signedIn = request.getCookies().findCookie(AdminSessions.COOKIE).map(Cookie::getValue)
                .flatMap(sessions::verify).isPresent();
        return signedIn ? null : HttpResponse.seeOther(URI.create(AdminPaths.LOGIN));
    }
}
