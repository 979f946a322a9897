package io.ludus.projections.readmodel.players;

import io.ludus.events.account.AccountBanned;
import io.ludus.events.account.AccountCreated;
import io.ludus.events.account.AccountEvent;
import io.ludus.events.account.AccountRenamed;
import io.ludus.events.account.AccountUnbanned;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.projections.readmodel.InvalidEventException;
import io.ludus.projections.readmodel.ProjectedEvent;
import io.ludus.projections.readmodel.Projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

import static io.ludus.projections.readmodel.InvalidEventException.require;

/** Display names (and the ban flag) of every player, which the other read models' queries join for names. */
public final class PlayersProjection implements Projection {

    public static final String NAME = "players";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TopicSpec<String, ?>> topics() {
        return List.of(Topics.ACCOUNT_EVENTS);
    }

    @Override
    public void apply(Connection c, List<ProjectedEvent> events) throws SQLException {
        try (PreparedStatement created = c.prepareStatement("""
                INSERT INTO players (player_id, account_id, display_name, banned, created_at) VALUES (?, ?, ?, false, ?)
                ON CONFLICT (player_id) DO UPDATE SET account_id = excluded.account_id,
                    display_name = excluded.display_name, created_at = excluded.created_at""");
             PreparedStatement renamed = c.prepareStatement("""
                INSERT INTO players (player_id, account_id, display_name, banned) VALUES (?, ?, ?, false)
                ON CONFLICT (player_id) DO UPDATE SET display_name = excluded.display_name""");
             PreparedStatement banned = c.prepareStatement("UPDATE players SET banned = ? WHERE player_id = ?")) {
            // statements of one kind run as one JDBC batch; flushing at each change of kind keeps log order
            PreparedStatement pending = null;
            for (ProjectedEvent event : events) {
                AccountEvent account = (AccountEvent) event.value();
                PreparedStatement next;
                switch (account.getPayload()) {
                    case AccountCreated e -> {
                        next = created;
                        created.setString(1, require(e.getPlayerId(), "playerId"));
                        created.setString(2, require(e.getAccountId(), "accountId"));
                        created.setString(3, require(e.getDisplayName(), "displayName"));
                        created.setTimestamp(4, Timestamp.from(account.getOccurredAt()));
                    }
                    case AccountRenamed e -> {
                        next = renamed;
                        renamed.setString(1, require(e.getPlayerId(), "playerId"));
                        renamed.setString(2, require(e.getAccountId(), "accountId"));
                        renamed.setString(3, require(e.getDisplayName(), "displayName"));
                    }
                    case AccountBanned e -> {
                        next = banned;
                        banned.setBoolean(1, true);
                        banned.setString(2, require(e.getPlayerId(), "playerId"));
                    }
                    case AccountUnbanned e -> {
                        next = banned;
                        banned.setBoolean(1, false);
                        banned.setString(2, require(e.getPlayerId(), "playerId"));
                    }
                    default -> throw new InvalidEventException("unknown account event " + account.getPayload().getClass().getSimpleName());
                }
                if (pending != null && pending != next) {
                    pending.executeBatch();
                }
                next.addBatch();
                pending = next;
            }
            if (pending != null) {
                pending.executeBatch();
            }
        }
    }
}
