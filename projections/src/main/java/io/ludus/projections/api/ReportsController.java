package io.ludus.projections.api;

import io.ludus.security.OperatorCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The operators' inbox of bug reports and suggestions, for the operator only: HTTP Basic with the operator's
 * credential ({@code ludus.management.*}). Player tokens never carry the operator's role.
 */
@Controller("/v1/reports")
@Secured(OperatorCredentials.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportsController {

    static final Set<String> STATUSES = Set.of("new", "triaged", "closed");

    private final DataSource dataSource;

    ReportsController(@Named("projections") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Report(String reportId, String playerId, @Nullable String displayName, String kind, String text,
                         @Nullable String matchId, @Nullable String clientBuild, String submittedAt, String status,
                         @Nullable String statusUpdatedAt, @Nullable String statusUpdatedBy) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Inbox(List<Report> reports, @Nullable String next) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StatusChange(String status) {
    }

    private static final String SELECT = """
            SELECT r.report_id, r.player_id, p.display_name, r.kind, r.text, r.match_id, r.client_build, r.submitted_at,
                   COALESCE(s.status, 'new'), s.updated_at, s.updated_by
            FROM %s.reports r
            LEFT JOIN %s.report_status s ON s.report_id = r.report_id
            LEFT JOIN %s.players p ON p.player_id = r.player_id
            """.formatted(Schemas.REPORTS, Schemas.OPS, Schemas.PLAYERS);

    @Get
    public Inbox inbox(@Nullable @QueryValue String status, @Nullable @QueryValue Integer limit, @Nullable @QueryValue String after) {
        int n = Cursor.limit(limit, 50, 200);
        String wanted = status == null ? null : checkedStatus(status);
        String[] cursor = Cursor.decode(after);
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("WHERE true ");
        if (wanted != null) {
            where.append("AND COALESCE(s.status, 'new') = ? ");
            params.add(wanted);
        }
        if (cursor != null) {
            where.append("AND (r.submitted_at, r.report_id) < (?, ?) ");
            try {
                params.add(Timestamp.from(Instant.parse(cursor[0])));
                params.add(UUID.fromString(cursor[1]));
            } catch (RuntimeException e) {
                throw new QueryException(QueryErrorCode.INVALID_CURSOR, "not a cursor of this list: " + after);
            }
        }
        params.add(n);
        List<Report> reports = Jdbc.list(dataSource, SELECT + where + "ORDER BY r.submitted_at DESC, r.report_id DESC LIMIT ?",
                ReportsController::report, params.toArray());
        String next = reports.size() < n ? null : Cursor.encode(reports.getLast().submittedAt(), reports.getLast().reportId());
        return new Inbox(reports, next);
    }

    @Put("/{reportId}/status")
    public Report setStatus(@PathVariable String reportId, @Body StatusChange change, Authentication authentication) {
        UUID id;
        try {
            id = UUID.fromString(reportId);
        } catch (IllegalArgumentException e) {
            throw new QueryException(QueryErrorCode.INVALID_PARAMETER, "reportId is not a UUID");
        }
        String status = checkedStatus(change == null ? null : change.status());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO %s.report_status (report_id, status, updated_at, updated_by)
                SELECT report_id, ?, now(), ? FROM %s.reports WHERE report_id = ?
                ON CONFLICT (report_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""".formatted(Schemas.OPS, Schemas.REPORTS))) {
            s.setString(1, status);
            s.setString(2, authentication.getName());
            s.setObject(3, id);
            if (s.executeUpdate() == 0) {
                throw new QueryException(QueryErrorCode.NOT_FOUND, "no report " + reportId);
            }
        } catch (SQLException e) {
            throw new QueryException(QueryErrorCode.UNAVAILABLE, "cannot update report status: " + e.getSQLState());
        }
        return Jdbc.one(dataSource, SELECT + "WHERE r.report_id = ?", ReportsController::report, id);
    }

    private static String checkedStatus(String status) {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(s)) {
            throw new QueryException(QueryErrorCode.INVALID_PARAMETER, "status must be one of new, triaged, closed");
        }
        return s;
    }

    private static Report report(java.sql.ResultSet rs) throws SQLException {
        return new Report(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), Jdbc.instant(rs.getTimestamp(8)), rs.getString(9), Jdbc.instant(rs.getTimestamp(10)), rs.getString(11));
    }
}
