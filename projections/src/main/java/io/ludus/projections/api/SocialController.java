package io.ludus.projections.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.util.List;

/**
 * The caller's own friends, requests and blocks. The player is the token's subject and nothing else: no route takes
 * a player id, so nobody can ask for someone else's lists.
 */
@Controller("/v1/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
public class SocialController {

    /** Well above the friend cap (200); requests and blocks beyond it are not listed. */
    static final int MAX_ROWS = 1000;

    private final DataSource dataSource;

    SocialController(@Named("projections") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Contact(String playerId, @Nullable String displayName, String since) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Contacts(String playerId, List<Contact> players) {
    }

    @Get("/friends")
    public Contacts friends(Authentication authentication) {
        return list(authentication, "friendships", "player_id", "friend_id", "since");
    }

    @Get("/friend-requests/incoming")
    public Contacts incoming(Authentication authentication) {
        return list(authentication, "friend_requests", "recipient_id", "requester_id", "sent_at");
    }

    @Get("/friend-requests/outgoing")
    public Contacts outgoing(Authentication authentication) {
        return list(authentication, "friend_requests", "requester_id", "recipient_id", "sent_at");
    }

    @Get("/blocks")
    public Contacts blocks(Authentication authentication) {
        return list(authentication, "blocks", "blocker_id", "blocked_id", "since");
    }

    // table and column names are this class's constants; the owner is a placeholder
    private Contacts list(Authentication authentication, String table, String ownerColumn, String otherColumn, String sinceColumn) {
        String owner = authentication.getName();
        List<Contact> contacts = Jdbc.list(dataSource, """
                SELECT t.%4$s, p.display_name, t.%5$s FROM %1$s.%2$s t
                LEFT JOIN %6$s.players p ON p.player_id = t.%4$s
                WHERE t.%3$s = ? ORDER BY t.%5$s DESC, t.%4$s LIMIT ?""".formatted(Schemas.SOCIAL, table, ownerColumn, otherColumn,
                        sinceColumn, Schemas.PLAYERS),
                rs -> new Contact(rs.getString(1), rs.getString(2), Jdbc.instant(rs.getTimestamp(3))), owner, MAX_ROWS);
        return new Contacts(owner, contacts);
    }
}
