package io.ludus.admin.session;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.security.authentication.Authentication;

/** What a page needs from the signed-in operator: the CSRF token for its forms, and the check of a posted one. */
public final class OperatorSession {

    private OperatorSession() {}

    public static String csrf(AdminSessions sessions, Authentication operator) {
        Object token = operator.getAttributes().get(AdminSessionFetcher.TOKEN_ATTRIBUTE);
        return token == null ? "" : sessions.csrf(token.toString());
    }

    /** A state-changing POST must carry the session's CSRF token; anything else is refused with 403. */
    public static void requireCsrf(AdminSessions sessions, Authentication operator, String csrf) {
        Object token = operator.getAttributes().get(AdminSessionFetcher.TOKEN_ATTRIBUTE);
        if (token == null || !sessions.csrfMatches(token.toString(), csrf)) {
            throw new HttpStatusException(HttpStatus.FORBIDDEN, "missing or wrong CSRF token: reload the page and try again");
        }
    }
}
