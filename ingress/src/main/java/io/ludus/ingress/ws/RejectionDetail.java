package io.ludus.ingress.ws;

import io.micronaut.serde.annotation.Serdeable;

/** One problem with a loadout: the sim engine's stable code and the unit index (-1 for the whole team). */
@Serdeable
public record RejectionDetail(String code, int unit) {}
