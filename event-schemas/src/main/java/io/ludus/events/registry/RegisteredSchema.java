package io.ludus.events.registry;

import org.apache.avro.Schema;

/** One version of a subject. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {}
