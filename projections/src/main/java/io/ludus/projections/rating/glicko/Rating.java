package io.ludus.projections.rating.glicko;

/**
 * A Glicko-2 rating on the public (Glicko-1) scale: rating r, deviation RD, volatility σ.
 * New players start at {@link #INITIAL}.
 */
public record Rating(double rating, double deviation, double volatility) {

    /** Glicko-2 defaults for a new player: 1500, 350, 0.06. */
    public static final Rating INITIAL = new Rating(1500.0, 350.0, 0.06);

    /** Glickman's conversion factor between the public and the Glicko-2 scale (400 / ln 10). */
    static final double SCALE = 173.7178;

    public Rating {
        if (!Double.isFinite(rating)) {
            throw new IllegalArgumentException("rating must be finite, was " + rating);
        }
        if (!(deviation > 0) || !Double.isFinite(deviation)) {
            throw new IllegalArgumentException("deviation must be positive and finite, was " + deviation);
        }
        if (!(volatility > 0) || !Double.isFinite(volatility)) {
            throw new IllegalArgumentException("volatility must be positive and finite, was " + volatility);
        }
    }

    /** μ on the Glicko-2 scale. */
    public double mu() {
        return (rating - 1500.0) / SCALE;
    }

    /** φ on the Glicko-2 scale. */
    public double phi() {
        return deviation / SCALE;
    }

    static Rating fromGlicko2Scale(double mu, double phi, double volatility) {
        return new Rating(SCALE * mu + 1500.0, SCALE * phi, volatility);
    }
}
