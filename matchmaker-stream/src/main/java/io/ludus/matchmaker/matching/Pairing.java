package io.ludus.matchmaker.matching;

/** Two tickets matched against each other; {@code a} is the one with the smaller key, so the order is stable. */
public record Pairing(Ticket a, Ticket b) {

    static Pairing of(Ticket x, Ticket y) {
        return x.key().compareTo(y.key()) <= 0 ? new Pairing(x, y) : new Pairing(y, x);
    }
}
