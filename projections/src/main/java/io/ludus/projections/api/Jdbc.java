package io.ludus.projections.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Read-only JDBC for the query API: placeholders only, rows mapped by a lambda, SQL errors as UNAVAILABLE. */
final class Jdbc {

    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Jdbc() {
    }

    static <T> List<T> list(DataSource dataSource, String sql, Row<T> row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new QueryException(QueryErrorCode.UNAVAILABLE, "read model query failed: " + e.getSQLState());
        }
    }

    static <T> T one(DataSource dataSource, String sql, Row<T> row, Object... params) {
        List<T> rows = list(dataSource, sql, row, params);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }
}
