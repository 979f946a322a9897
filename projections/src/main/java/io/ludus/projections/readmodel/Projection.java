package io.ludus.projections.readmodel;

import io.ludus.events.topic.TopicSpec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One read model: the topics it consumes and how a batch of their events changes its tables. {@link #apply} runs
 * inside the projector's transaction with {@code search_path} set to the projection's schema (live or rebuilding),
 * so its SQL names tables without a schema.
 */
public interface Projection {

    /** Short name: the schema is {@code projections_<name>} and the migrations are under {@code db/migration/projections/<name>}. */
    String name();

    List<TopicSpec<String, ?>> topics();

    /**
     * Applies the events in log order per partition. Throws {@link InvalidEventException} for an event that breaks
     * the contract (it goes to the dead letters); SQL errors of class 22 or 23 are treated the same way.
     */
    void apply(Connection connection, List<ProjectedEvent> events) throws SQLException;
}
