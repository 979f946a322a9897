package io.ludus.admin.session;

import io.ludus.security.OperatorCredentials;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.List;
import java.util.Map;

/** Authenticates the dashboard's session cookie, on admin pages only: the cookie opens no game or management route. */
@Singleton
@Requires(beans = AdminSessions.class)
final class AdminSessionFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    static final String TOKEN_ATTRIBUTE = "adminSessionToken";

    private final AdminSessions sessions;

    AdminSessionFetcher(AdminSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!AdminPaths.isAdmin(request.getPath())) {
            return Publishers.empty();
        }
        return request.getCookies().findCookie(AdminSessions.COOKIE)
                .map(Cookie::getValue)
                .flatMap(token -> sessions.verify(token).map(session -> Authentication.build(session.operator(),
                        List.of(OperatorCredentials.ROLE), Map.of(TOKEN_ATTRIBUTE, token))))
                .map(Publishers::just)
                .orElseGet(Publishers::empty);
    }
}
