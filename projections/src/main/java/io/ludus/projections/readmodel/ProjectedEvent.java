package io.ludus.projections.readmodel;

import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;

/** One decoded record handed to a {@link Projection}, with where it came from. */
public record ProjectedEvent(String topic, int partition, long offset, Instant timestamp, String key, SpecificRecord value) {
}
