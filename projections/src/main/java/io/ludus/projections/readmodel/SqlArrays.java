package io.ludus.projections.readmodel;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;

/** Java collections as PostgreSQL arrays, for multi-row writes through {@code unnest(?::type[], ...)}. */
public final class SqlArrays {

    private SqlArrays() {
    }

    public static Array texts(Connection c, Collection<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray(new String[0]));
    }

    public static Array longs(Connection c, Collection<Long> values) throws SQLException {
        return c.createArrayOf("int8", values.toArray(new Long[0]));
    }

    public static Array ints(Connection c, Collection<Integer> values) throws SQLException {
        return c.createArrayOf("int4", values.toArray(new Integer[0]));
    }

    public static Array doubles(Connection c, Collection<Double> values) throws SQLException {
        return c.createArrayOf("float8", values.toArray(new Double[0]));
    }

    public static Array booleans(Connection c, Collection<Boolean> values) throws SQLException {
        return c.createArrayOf("bool", values.toArray(new Boolean[0]));
    }

    public static Array timestamps(Connection c, Collection<Instant> values) throws SQLException {
        return c.createArrayOf("timestamptz", values.stream().map(i -> i == null ? null : Timestamp.from(i)).toArray(Timestamp[]::new));
    }
}
