package io.ludus.projections.readmodel;

/** Why an event went to {@code dead_letters} instead of the read model. */
public enum DeadLetterReason {
    /** The value is not a readable event of the topic's schema. */
    UNDECODABLE,
    /** The event decodes but breaks the contract ({@link InvalidEventException}). */
    INVALID_EVENT,
    /** PostgreSQL refused the rows the event produced (data or constraint error). */
    REJECTED_BY_DATABASE
}
