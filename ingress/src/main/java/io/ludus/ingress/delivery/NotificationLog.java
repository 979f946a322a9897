package io.ludus.ingress.delivery;

import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Every player's recent notifications as ready-to-send frames, in PostgreSQL (table notification_log):
 * what a reconnecting client resumes from, on any node, after any restart.
 */
@Singleton
public class NotificationLog {

    public record Entry(String playerId, long seq, Instant occurredAt, String frame) {}

    private final DataSource dataSource;

    NotificationLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Idempotent: a notification already logged (same player and seq) is left as it is. */
    void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO notification_log (player_id, seq, occurred_at, frame) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            connection.setAutoCommit(false);
            for (Entry entry : entries) {
                insert.setString(1, entry.playerId());
                insert.setLong(2, entry.seq());
                insert.setTimestamp(3, Timestamp.from(entry.occurredAt()));
                insert.setString(4, entry.frame());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw new NotificationLogException("could not log " + entries.size() + " notifications", e);
        }
    }

    /** Up to {@code limit} notifications of the player after {@code afterSeq}, in order. */
    List<Entry> after(String playerId, long afterSeq, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT seq, occurred_at, frame FROM notification_log WHERE player_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
            select.setString(1, playerId);
            select.setLong(2, afterSeq);
            select.setInt(3, limit);
            List<Entry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(playerId, rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new NotificationLogException("could not read notifications of " + playerId, e);
        }
    }

    OptionalLong head(String playerId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT max(seq) FROM notification_log WHERE player_id = ?")) {
            select.setString(1, playerId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                long head = rows.getLong(1);
                return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(head);
            }
        } catch (SQLException e) {
            throw new NotificationLogException("could not read notifications of " + playerId, e);
        }
    }

    /** Deletes notifications older than {@code before}, except each player's newest. Returns how many. */
    int purge(Instant before) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("""
                     DELETE FROM notification_log l WHERE l.occurred_at < ?
                       AND l.seq < (SELECT max(h.seq) FROM notification_log h WHERE h.player_id = l.player_id)""")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new NotificationLogException("could not purge the notification log", e);
        }
    }
}
