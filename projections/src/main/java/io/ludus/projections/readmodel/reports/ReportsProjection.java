package io.ludus.projections.readmodel.reports;

import io.ludus.events.command.PlayerCommand;
import io.ludus.events.command.SubmitReport;
import io.ludus.events.topic.TopicSpec;
import io.ludus.events.topic.Topics;
import io.ludus.projections.readmodel.ProjectedEvent;
import io.ludus.projections.readmodel.Projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.ludus.projections.readmodel.InvalidEventException.require;
import static io.ludus.projections.readmodel.SqlArrays.texts;
import static io.ludus.projections.readmodel.SqlArrays.timestamps;

/** The operators' inbox: every SubmitReport on {@code player-commands}; the other commands only advance the offsets. */
public final class ReportsProjection implements Projection {

    public static final String NAME = "reports";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TopicSpec<String, ?>> topics() {
        return List.of(Topics.PLAYER_COMMANDS);
    }

    @Override
    public void apply(Connection c, List<ProjectedEvent> events) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        List<SubmitReport> reports = new ArrayList<>();
        List<Instant> at = new ArrayList<>();
        for (ProjectedEvent event : events) {
            PlayerCommand command = (PlayerCommand) event.value();
            if (command.getPayload() instanceof SubmitReport report) {
                require(report.getPlayerId(), "playerId");
                require(report.getCommandId(), "commandId");
                ids.add(command.getEventId());
                reports.add(report);
                at.add(command.getOccurredAt());
            }
        }
        if (reports.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO reports (report_id, player_id, command_id, kind, text, match_id, client_build, submitted_at)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                ON CONFLICT (report_id) DO NOTHING""")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            s.setArray(2, texts(c, reports.stream().map(SubmitReport::getPlayerId).toList()));
            s.setArray(3, texts(c, reports.stream().map(SubmitReport::getCommandId).toList()));
            s.setArray(4, texts(c, reports.stream().map(r -> r.getKind().name()).toList()));
            s.setArray(5, texts(c, reports.stream().map(SubmitReport::getText).toList()));
            s.setArray(6, texts(c, reports.stream().map(SubmitReport::getMatchId).toList()));
            s.setArray(7, texts(c, reports.stream().map(SubmitReport::getClientBuild).toList()));
            s.setArray(8, timestamps(c, at));
            s.executeUpdate();
        }
    }
}
